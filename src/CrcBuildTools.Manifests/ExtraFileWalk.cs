using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;

namespace CrcBuildTools.Manifests;

/// <summary>
/// Finds what a folder holds beyond its manifest. It never follows a directory link (so <c>root -&gt; /</c> cannot
/// send it over the whole disk and <c>loop -&gt; .</c> cannot make it circle), never opens what it finds (a FIFO costs
/// nothing), and reports a folder it cannot list as a coded problem instead of stopping.
/// </summary>
internal static class ExtraFileWalk
{
    public static void Run(Crc64Manifest manifest, string root, IEnumerable<string>? ignoredPaths, List<Crc64VerificationProblem> problems, CancellationToken cancellationToken)
    {
        var ignored = new HashSet<string>(ignoredPaths ?? Array.Empty<string>(), StringComparer.Ordinal);
        var pending = new Stack<(string FullPath, string Prefix)>();
        pending.Push((root, string.Empty));
        var entries = new List<FileSystemInfo>();
        while (pending.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            (string folder, string prefix) = pending.Pop();
            if (TryList(folder, entries) is Exception failure)
            {
                string relativeFolder = prefix.Length == 0 ? "." : prefix.TrimEnd('/');
                problems.Add(new(Crc64VerificationProblemKind.Unreadable, Crc64ErrorCodes.FolderUnlistable, relativeFolder, folder, root, detail: DisplayText.Of(failure.Message)));
            }

            foreach (FileSystemInfo entry in entries)
            {
                string relative = prefix + entry.Name;
                bool isLink = (entry.Attributes & FileAttributes.ReparsePoint) != 0;
                bool isFolder = entry is DirectoryInfo || (entry.Attributes & FileAttributes.Directory) != 0;
                if (isFolder && !isLink)
                {
                    pending.Push((entry.FullName, relative + "/"));
                }
                else if (isFolder)
                {
                    // A directory link: its listed files were checked through it (and refused if it leads out);
                    // one that no entry goes through is itself something the manifest does not list.
                    if (!manifest.HasFilesUnder(relative) && !ignored.Contains(relative))
                    {
                        problems.Add(Extra(relative, entry.FullName, root, "a symbolic link to a folder, which is never walked into"));
                    }
                }
                else if (!ignored.Contains(relative) && manifest.Find(relative) is null)
                {
                    problems.Add(Extra(relative, entry.FullName, root, isLink ? "a symbolic link" : null));
                }
            }
        }
    }

    private static Crc64VerificationProblem Extra(string relative, string fullPath, string root, string? detail) =>
        new(Crc64VerificationProblemKind.Extra, Crc64ErrorCodes.VerifyExtraFile, relative, fullPath, root, detail: detail);

    // Listing fails lazily (on the first MoveNext) or half-way through; either way the folder is reported once.
    private static Exception? TryList(string folder, List<FileSystemInfo> entries)
    {
        entries.Clear();
        try
        {
            entries.AddRange(new DirectoryInfo(folder).EnumerateFileSystemInfos());
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return e;
        }
    }
}
