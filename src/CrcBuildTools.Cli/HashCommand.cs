using System;
using System.Collections.Generic;
using System.IO;
using CrcBuildTools.Hashing;

namespace CrcBuildTools.Cli;

/// <summary>
/// <c>crc64xz hash</c>: like <c>ossutil hash --type=crc64</c>, one line per input in the services' decimal format,
/// so the output can be compared with an <c>x-cos-hash-crc64ecma</c> / <c>x-oss-hash-crc64ecma</c> header directly.
/// </summary>
internal static class HashCommand
{
    private const string StdinName = "-";

    public static int Run(string[] args, Func<Stream> openStdin, TextWriter stdout, TextWriter stderr)
    {
        bool hex = false;
        bool sequential = false;
        var inputs = new List<string>();
        bool optionsEnded = false;
        foreach (string arg in args)
        {
            if (!optionsEnded && arg == "--")
            {
                optionsEnded = true;
            }
            else if (!optionsEnded && arg == "--hex")
            {
                hex = true;
            }
            else if (!optionsEnded && arg == "--sequential")
            {
                sequential = true;
            }
            else if (!optionsEnded && arg.StartsWith("--", StringComparison.Ordinal))
            {
                throw new UsageException($"unknown option '{arg}' for 'hash'. Options: --hex, --sequential.");
            }
            else
            {
                inputs.Add(arg);
            }
        }

        if (inputs.Count == 0)
        {
            inputs.Add(StdinName);
        }

        var options = sequential ? new Crc64XzFileOptions { MaxDegreeOfParallelism = 1 } : Crc64XzFileOptions.Default;
        int exitCode = ExitCodes.Success;
        foreach (string input in inputs)
        {
            if (!TryHash(input, options, openStdin, stderr, out ulong crc))
            {
                exitCode = ExitCodes.Failure;
                continue;
            }

            string text = hex ? Crc64XzFormat.ToHexString(crc) : Crc64XzFormat.ToDecimalString(crc);
            stdout.WriteLine($"{text}  {input}");
        }

        return exitCode;
    }

    private static bool TryHash(string input, Crc64XzFileOptions options, Func<Stream> openStdin, TextWriter stderr, out ulong crc)
    {
        crc = 0;
        try
        {
            if (input == StdinName)
            {
                using Stream stdin = openStdin();
                crc = Crc64Xz.Hash(stdin);
            }
            else
            {
                crc = Crc64Xz.HashFile(input, options).Crc;
            }

            return true;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            stderr.WriteLine($"crc64xz: error CRC1001: '{input}' does not exist. Check the path; nothing was hashed for it.");
        }
        catch (UnauthorizedAccessException)
        {
            stderr.WriteLine($"crc64xz: error CRC1002: '{input}' cannot be read (permission denied, or it is a directory). Check its permissions or pass a file.");
        }
        catch (IOException e)
        {
            stderr.WriteLine($"crc64xz: error CRC1002: '{input}' cannot be read: {e.Message} Close the program that holds it, or retry.");
        }

        return false;
    }
}
