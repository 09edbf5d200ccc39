using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using CrcBuildTools.Cli.Names;
using CrcBuildTools.Hashing;
using CrcBuildTools.Manifests;

namespace CrcBuildTools.Cli;

/// <summary>
/// <c>crc64xz hash</c>: like <c>ossutil hash --type=crc64</c>, one line per input in the services' decimal format,
/// so the output can be compared with an <c>x-cos-hash-crc64ecma</c> / <c>x-oss-hash-crc64ecma</c> header directly.
/// Names are escaped as <c>sha256sum</c> does (see <see cref="ChecksumLine"/>); <c>--json</c> writes one JSON object
/// per input instead. Pipes, FIFOs and devices are read to their end, as sha256sum reads them; what is hashed is
/// exactly what was read.
/// </summary>
internal static class HashCommand
{
    public static int Run(CliContext context)
    {
        CommandLine arguments = CommandLine.Parse(
            "hash", context.Arguments, new[] { "--hex", "--sequential", "--json" }, Array.Empty<string>(),
            "an empty argument is not a file name. Pass a file, or '-' (or nothing) for standard input.");
        bool hex = arguments.Has("--hex");
        bool sequential = arguments.Has("--sequential");
        bool json = arguments.Has("--json");
        List<InputName> inputs = arguments.Operands;
        if (inputs.Count == 0)
        {
            inputs.Add(new InputName("-"));
        }

        var options = new Crc64XzFileOptions { ReadNonRegularFiles = true, MaxDegreeOfParallelism = sequential ? 1 : Crc64XzFileOptions.Default.MaxDegreeOfParallelism };
        int exitCode = ExitCodes.Success;
        foreach (InputName input in inputs)
        {
            (Crc64XzFileHash? hash, string? code, string? message) = TryHash(input, options, context);
            if (hash is not Crc64XzFileHash result)
            {
                exitCode = ExitCodes.Failure;
                context.Error(code!, message!);
            }

            if (json)
            {
                context.Stdout.WriteLine(JsonLine(input, hash, code, message));
            }
            else if (hash is Crc64XzFileHash ok)
            {
                string text = hex ? Crc64XzFormat.ToHexString(ok.Crc) : Crc64XzFormat.ToDecimalString(ok.Crc);
                context.Stdout.WriteLine(ChecksumLine.Format(text, input));
            }
        }

        return exitCode;
    }

    private static (Crc64XzFileHash? Hash, string? Code, string? Message) TryHash(InputName input, Crc64XzFileOptions options, CliContext context)
    {
        string shown = "'" + input.ForMessage() + "'";
        try
        {
            if (input.IsStdin)
            {
                using Stream stdin = context.OpenStdin();
                var crc = new Crc64Xz();
                crc.AppendAsync(stdin, context.Cancellation).GetAwaiter().GetResult();
                return (new Crc64XzFileHash(crc.GetCurrentHashAsUInt64(), crc.Length), null, null);
            }

            if (input.InvalidUtf8Bytes is byte[] raw)
            {
                using RawNameFile file = RawNameFile.Open(raw);
                return (Crc64Xz.HashFile(file.Path, options, context.Cancellation), null, null);
            }

            return (Crc64Xz.HashFile(input.Text, options, context.Cancellation), null, null);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return (null, Crc64ErrorCodes.FileMissing, $"{shown} does not exist{(ManifestPath.IsLink(input.Text) ? " (it is a symbolic link whose target does not exist)" : string.Empty)}. Check the path; nothing was hashed for it.");
        }
        catch (Crc64XzFileException e) when (e.Problem == Crc64XzFileProblem.NotARegularFile)
        {
            return (null, Crc64ErrorCodes.NotARegularFile, $"{shown} is {e.Kind.Describe()}, which has no bytes to hash. Pass a file, a pipe or a device.");
        }
        catch (Crc64XzFileException e) when (e.Problem == Crc64XzFileProblem.ChangedWhileHashed)
        {
            return (null, Crc64ErrorCodes.FileChangedWhileHashed, $"{shown} was written to while it was being hashed, twice in a row, so no CRC-64 of it can be trusted. Hash it again once the process writing it has finished.");
        }
        catch (UnauthorizedAccessException)
        {
            return (null, Crc64ErrorCodes.FileUnreadable, $"{shown} cannot be read: permission denied. Check its permissions.");
        }
        catch (Exception e) when (e is IOException or ArgumentException or NotSupportedException)
        {
            return (null, Crc64ErrorCodes.FileUnreadable, $"{shown} cannot be read: {DisplayText.Of(e.Message)} Close the program that holds it, or retry.");
        }
    }

    private static string JsonLine(InputName input, Crc64XzFileHash? hash, string? code, string? message)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("path", input.Text);
            if (input.Base64 is string base64)
            {
                json.WriteString("pathBytes", base64);
            }

            if (hash is Crc64XzFileHash ok)
            {
                json.WriteNumber("length", ok.Length);
                json.WriteString("crc64", Crc64XzFormat.ToDecimalString(ok.Crc));
                json.WriteString("crc64Hex", Crc64XzFormat.ToHexString(ok.Crc));
            }
            else
            {
                json.WriteStartObject("error");
                json.WriteString("code", code);
                json.WriteString("message", message);
                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
