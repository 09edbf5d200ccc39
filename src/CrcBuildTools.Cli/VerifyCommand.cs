using System;
using System.Collections.Generic;
using System.IO;
using CrcBuildTools.Manifests;

namespace CrcBuildTools.Cli;

/// <summary>
/// <c>crc64xz verify MANIFEST [FOLDER] [--allow-extra]</c>: checks what a deploy machine received. Every missing
/// (CRC1005), changed (CRC1006) and extra (CRC1007) file is printed on its own line to stderr; a malformed manifest
/// is CRC1004. Exit code 0 when the folder matches, 1 on any difference or unusable manifest, 2 for usage errors.
/// </summary>
internal static class VerifyCommand
{
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        bool allowExtra = false;
        var positional = new List<string>();
        bool optionsEnded = false;
        foreach (string arg in args)
        {
            if (!optionsEnded && arg == "--")
            {
                optionsEnded = true;
            }
            else if (!optionsEnded && arg == "--allow-extra")
            {
                allowExtra = true;
            }
            else if (!optionsEnded && arg.StartsWith("--", StringComparison.Ordinal))
            {
                throw new UsageException($"unknown option '{arg}' for 'verify'. Options: --allow-extra.");
            }
            else
            {
                positional.Add(arg);
            }
        }

        if (positional.Count is 0 or > 2)
        {
            throw new UsageException("'verify' takes a manifest and optionally the folder it describes: crc64xz verify MANIFEST [FOLDER].");
        }

        string manifestPath = Path.GetFullPath(positional[0]);
        string folder = positional.Count == 2 ? Path.GetFullPath(positional[1]) : Path.GetDirectoryName(manifestPath)!;
        try
        {
            Crc64Manifest manifest = Crc64ManifestReader.Read(manifestPath);
            string? manifestInFolder = ManifestPath.FromFileSystem(folder, manifestPath);
            Crc64VerificationResult result = Crc64FolderVerifier.Verify(
                manifest,
                folder,
                manifestInFolder is null ? null : new[] { manifestInFolder },
                allowExtra);
            foreach (Crc64VerificationProblem problem in result.Problems)
            {
                stderr.WriteLine($"crc64xz: error {problem.Message}");
            }

            if (result.Success)
            {
                stdout.WriteLine($"OK: {result.FilesVerified} files in '{folder}' match '{manifestPath}'.");
                return ExitCodes.Success;
            }

            stdout.WriteLine($"FAILED: {result.Problems.Count} differences between '{folder}' and '{manifestPath}' ({result.FilesVerified} files match).");
            return ExitCodes.Failure;
        }
        catch (Crc64ManifestException e)
        {
            stderr.WriteLine($"crc64xz: error {e.Message}");
            return ExitCodes.Failure;
        }
    }
}
