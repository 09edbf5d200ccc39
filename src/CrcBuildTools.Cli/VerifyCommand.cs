using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using CrcBuildTools.Cli.Names;
using CrcBuildTools.Hashing;
using CrcBuildTools.Manifests;

namespace CrcBuildTools.Cli;

/// <summary>
/// <c>crc64xz verify [--allow-extra] [--json] MANIFEST [FOLDER]</c>: checks what a deploy machine received. Every
/// missing (CRC1005), changed (CRC1006) and extra (CRC1007) file is printed on its own line to stderr, and so is a link
/// out of the folder (CRC1013), a pipe or device where a file belongs (CRC1014) and a file that kept changing (CRC1015);
/// a malformed manifest is CRC1004. Exit code 0 when the folder matches, 1 on any difference or unusable manifest,
/// 2 for usage errors. <c>--json</c> prints the outcome as one JSON document on stdout.
/// </summary>
internal static class VerifyCommand
{
    public static int Run(CliContext context)
    {
        CommandLine arguments = CommandLine.Parse(
            "verify", context.Arguments, new[] { "--allow-extra", "--json" }, Array.Empty<string>(),
            "an empty argument is not a path. Usage: crc64xz verify MANIFEST [FOLDER].");
        bool allowExtra = arguments.Has("--allow-extra");
        bool json = arguments.Has("--json");
        List<InputName> positional = arguments.Operands;
        foreach (InputName argument in positional)
        {
            if (argument.InvalidUtf8Bytes is not null)
            {
                throw new UsageException($"'{argument.ForMessage()}' is not valid UTF-8; pass the manifest and folder under names this tool can open (rename them, or use a symbolic link with a UTF-8 name).");
            }
        }

        if (positional.Count is 0 or > 2)
        {
            throw new UsageException("'verify' takes a manifest and optionally the folder it describes: crc64xz verify MANIFEST [FOLDER].");
        }

        string manifestPath = Path.GetFullPath(positional[0].Text);
        string folder;
        if (positional.Count == 2)
        {
            folder = Path.GetFullPath(positional[1].Text);
        }
        else if (IsStream(manifestPath))
        {
            throw new UsageException($"the manifest '{DisplayText.Of(manifestPath)}' is a pipe or device, so it has no folder of its own: pass the folder to verify, crc64xz verify MANIFEST FOLDER.");
        }
        else
        {
            folder = Path.GetDirectoryName(manifestPath)!;
        }

        try
        {
            Crc64Manifest manifest = Crc64ManifestReader.Read(manifestPath, context.Cancellation);
            string? manifestInFolder = ManifestPath.FromFileSystem(folder, manifestPath);
            Crc64VerificationResult result = Crc64FolderVerifier.Verify(
                manifest,
                folder,
                manifestInFolder is null ? null : new[] { manifestInFolder },
                allowExtra,
                cancellationToken: context.Cancellation);
            foreach (Crc64VerificationProblem problem in result.Problems)
            {
                context.Error(problem.Code, problem.Message);
            }

            if (json)
            {
                context.Stdout.WriteLine(Report(manifestPath, folder, result, null));
            }
            else if (result.Success)
            {
                context.Stdout.WriteLine($"OK: {result.FilesVerified} files in '{DisplayText.Of(folder)}' match '{DisplayText.Of(manifestPath)}'.");
            }
            else
            {
                context.Stdout.WriteLine($"FAILED: {result.Problems.Count} differences between '{DisplayText.Of(folder)}' and '{DisplayText.Of(manifestPath)}' ({result.FilesVerified} files match).");
            }

            return result.Success ? ExitCodes.Success : ExitCodes.Failure;
        }
        catch (Crc64ManifestException e)
        {
            context.Error(e.Code, e.Message);
            if (json)
            {
                context.Stdout.WriteLine(Report(manifestPath, folder, null, e));
            }

            return ExitCodes.Failure;
        }
    }

    // A pipe or device holds no folder to default to; decided without opening it (a FIFO would wait for a writer).
    private static bool IsStream(string manifestPath)
    {
        try
        {
            Crc64Xz.OpenFile(manifestPath).Dispose();
            return false;
        }
        catch (Crc64XzFileException e) when (e.Problem == Crc64XzFileProblem.NotARegularFile && e.Kind != Crc64XzFileKind.Directory)
        {
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return false; // the reader reports it with its code
        }
    }

    private static string Report(string manifestPath, string folder, Crc64VerificationResult? result, Crc64ManifestException? error)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("manifest", manifestPath);
            json.WriteString("folder", folder);
            json.WriteBoolean("ok", result?.Success == true);
            if (error is not null)
            {
                json.WriteStartObject("error");
                json.WriteString("code", error.Code);
                json.WriteString("message", error.Message);
                if (error.Line > 0)
                {
                    json.WriteNumber("line", error.Line);
                    json.WriteNumber("column", error.Column);
                }

                json.WriteEndObject();
            }
            else
            {
                json.WriteNumber("verified", result!.FilesVerified);
                json.WriteStartArray("problems");
                foreach (Crc64VerificationProblem problem in result.Problems)
                {
                    json.WriteStartObject();
                    json.WriteString("code", problem.Code);
                    json.WriteString("kind", problem.Kind.ToString());
                    json.WriteString("path", problem.Path);
                    WriteIfKnown(json, "expectedLength", problem.ExpectedLength);
                    WriteIfKnown(json, "expectedCrc64", problem.ExpectedCrc64);
                    WriteIfKnown(json, "actualLength", problem.ActualLength);
                    WriteIfKnown(json, "actualCrc64", problem.ActualCrc64);
                    json.WriteString("message", problem.Message);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
            }

            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteIfKnown(Utf8JsonWriter json, string name, long? value)
    {
        if (value is long known)
        {
            json.WriteNumber(name, known);
        }
    }

    // CRCs are decimal strings in JSON, as in the manifest: numbers lose precision past 2^53 in JavaScript.
    private static void WriteIfKnown(Utf8JsonWriter json, string name, ulong? value)
    {
        if (value is ulong known)
        {
            json.WriteString(name, Crc64XzFormat.ToDecimalString(known));
        }
    }
}
