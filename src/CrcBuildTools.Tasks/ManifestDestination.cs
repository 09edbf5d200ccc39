using System;
using System.IO;
using CrcBuildTools.Manifests;
using Microsoft.Build.Utilities;

namespace CrcBuildTools.Tasks;

/// <summary>
/// Where a manifest may be written: directly in the folder it describes, under a plain file name. Checked before
/// anything is hashed or written, so <c>-p:Crc64ManifestFileName=../../../Program.cs</c> or an absolute name can
/// never replace a file outside the output or create folders.
/// </summary>
internal static class ManifestDestination
{
    /// <summary>The manifest's full path, or <see langword="null"/> after logging CRC1011.</summary>
    public static string? Check(TaskLoggingHelper log, string rootDirectory, string manifestPath)
    {
        string root = Path.GetFullPath(rootDirectory);
        string rawRoot = Manifests.ManifestPath.WithTrailingSeparator(rootDirectory);

        // The targets pass "<root>/<Crc64ManifestFileName>": the part after the root is the name exactly as the user
        // wrote it, so "sub/../x.json" is refused as a path even though it would normalise back into the folder.
        string name = manifestPath.StartsWith(rawRoot, StringComparison.Ordinal) ? manifestPath.Substring(rawRoot.Length) : Path.GetFileName(manifestPath);
        string? problem = Manifests.ManifestPath.ValidateFileName(name);
        string? fullPath = null;
        if (problem is null)
        {
            try
            {
                fullPath = Path.GetFullPath(manifestPath);
                if (!string.Equals(Path.GetDirectoryName(fullPath), root.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar), Manifests.ManifestPath.FileSystemComparison))
                {
                    problem = $"'{DisplayText.Of(manifestPath)}' is not directly in '{DisplayText.Of(root)}', the folder the manifest describes";
                }
            }
            catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
            {
                problem = $"'{DisplayText.Of(manifestPath)}' is not a valid path ({e.Message})";
            }
        }

        if (problem is null)
        {
            return fullPath;
        }

        Crc64TaskLog.Error(log, Crc64ErrorCodes.ManifestNameInvalid, null,
            $"Crc64ManifestFileName must be a plain file name, and {problem}. Nothing was written. Use a name such as MyApp.crc64.json (the default is $(TargetName).crc64.json); the manifest always goes directly in OutDir after build and in PublishDir after publish.");
        return null;
    }
}
