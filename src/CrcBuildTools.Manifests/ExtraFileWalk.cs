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
    public static void Run(Crc64Manifest manifest, string root, IEnumerable<string>? ignoredPaths, List<Crc64VerificationProblem> problems, CancellationToken cancellationToken) =>
        Run(manifest, root, ignoredPaths, problems, ManifestPath.FileSystemComparison, cancellationToken);

    /// <summary>
    /// As <see cref="Run(Crc64Manifest, string, IEnumerable{string}?, List{Crc64VerificationProblem}, CancellationToken)"/>,
    /// comparing names as <paramref name="comparison"/> says. A listed file was found (or not) through the file system,
    /// which on Windows and macOS ignores case; the walk must compare the same way, or <c>App.DLL</c> on disk would be
    /// both the manifest's <c>app.dll</c> (verified) and an extra file.
    /// </summary>
    internal static void Run(Crc64Manifest manifest, string root, IEnumerable<string>? ignoredPaths, List<Crc64VerificationProblem> problems, StringComparison comparison, CancellationToken cancellationToken)
    {
        var listed = new ListedPaths(manifest, comparison);
        var ignored = new HashSet<string>(ignoredPaths ?? Array.Empty<string>(), listed.Comparer);
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
                    if (!listed.HasFilesUnder(relative) && !ignored.Contains(relative))
                    {
                        problems.Add(Extra(relative, entry.FullName, root, "a symbolic link to a folder, which is never walked into"));
                    }
                }
                else if (!ignored.Contains(relative) && !listed.IsFile(relative))
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

    /// <summary>The manifest's files and folders under one name comparison: ordinal lookups in the sorted list, or sets that ignore case.</summary>
    private sealed class ListedPaths
    {
        private readonly Crc64Manifest _manifest;
        private readonly HashSet<string>? _files;
        private readonly HashSet<string>? _folders;

        public ListedPaths(Crc64Manifest manifest, StringComparison comparison)
        {
            _manifest = manifest;
            if (comparison == StringComparison.Ordinal)
            {
                Comparer = StringComparer.Ordinal;
                return;
            }

            Comparer = StringComparer.OrdinalIgnoreCase;
            _files = new HashSet<string>(Comparer);
            _folders = new HashSet<string>(Comparer);
            foreach (Crc64ManifestEntry entry in manifest.Files)
            {
                _files.Add(entry.Path);
                for (int slash = entry.Path.IndexOf('/'); slash > 0; slash = entry.Path.IndexOf('/', slash + 1))
                {
                    _folders.Add(entry.Path.Substring(0, slash));
                }
            }
        }

        public StringComparer Comparer { get; }

        public bool IsFile(string relative) => _files is null ? _manifest.Find(relative) is not null : _files.Contains(relative);

        public bool HasFilesUnder(string relative) => _folders is null ? _manifest.HasFilesUnder(relative) : _folders.Contains(relative);
    }
}
