using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CrcBuildTools.Hashing;
using CrcBuildTools.Manifests;

namespace CrcBuildTools.ObjectStorage.Download;

/// <summary>
/// What DEST holds before the download, sorted into: files of the new release already there byte for byte (kept,
/// never fetched), files of the release DEST held before (named by a manifest in DEST's root, and still exactly as
/// that manifest recorded them: they leave with their release), and everything else, which the user put there
/// (extras: carried over, reported, deleted only with the flag). Folder links are never walked into.
/// </summary>
internal sealed class DestinationScan
{
    private DestinationScan(bool exists)
    {
        Exists = exists;
    }

    public bool Exists { get; }

    /// <summary>Manifest paths whose file in DEST already has the manifest's length and CRC.</summary>
    public HashSet<string> Kept { get; } = new(StringComparer.Ordinal);

    /// <summary>Whether DEST already holds the new manifest file, byte for byte.</summary>
    public bool ManifestKept { get; private set; }

    /// <summary>Files of the previous release (unmodified), which the swap leaves behind.</summary>
    public List<string> PreviousRelease { get; } = new();

    /// <summary>Files, links and empty folders (with a trailing <c>/</c>) that no release names.</summary>
    public List<string> Extras { get; } = new();

    public static async Task<DestinationScan> ScanAsync(
        string destination, Crc64Manifest manifest, string manifestFileName, byte[] manifestBytes, CancellationToken cancellationToken)
    {
        if (File.Exists(destination))
        {
            throw new ObjectStorageException(DownloadErrorCodes.DestinationInvalid, $"DEST '{destination}' is a file, not a folder",
                "Name a folder (it is created if missing).") { FilePath = destination };
        }

        var scan = new DestinationScan(Directory.Exists(destination));
        if (!scan.Exists)
        {
            return scan;
        }

        try
        {
            var leaves = new List<string>();
            Walk(destination, "", leaves);
            var present = new HashSet<string>(leaves, StringComparer.Ordinal);
            foreach (Crc64ManifestEntry entry in manifest.Files)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (present.Contains(entry.Path) && await MatchesAsync(destination, entry.Path, entry.Length, entry.Crc64, cancellationToken).ConfigureAwait(false))
                {
                    scan.Kept.Add(entry.Path);
                }
            }

            string manifestPath = Path.Combine(destination, manifestFileName);
            scan.ManifestKept = present.Contains(manifestFileName) && File.ReadAllBytes(manifestPath).AsSpan().SequenceEqual(manifestBytes);

            var released = new HashSet<string>(manifest.Files.Select(f => f.Path), StringComparer.Ordinal) { manifestFileName };
            var previous = await PreviousReleaseAsync(destination, leaves, released, cancellationToken).ConfigureAwait(false);
            scan.PreviousRelease.AddRange(previous);
            scan.Extras.AddRange(leaves.Where(l => !released.Contains(l) && !previous.Contains(l)));
            return scan;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ObjectStorageException(DownloadErrorCodes.DestinationInvalid, $"DEST '{destination}' cannot be read: {e.Message}",
                "Check its permissions; DEST was not changed.", e) { FilePath = destination };
        }
    }

    /// <summary>Extras that stand where the release needs a folder, or inside a folder the release needs as a file.</summary>
    public IEnumerable<string> Conflicts(Crc64Manifest manifest)
    {
        var entries = new HashSet<string>(manifest.Files.Select(f => f.Path), StringComparer.Ordinal);
        var folders = new HashSet<string>(manifest.Files.SelectMany(f => Parents(f.Path)), StringComparer.Ordinal);
        foreach (string extra in Extras)
        {
            string bare = extra.TrimEnd('/');
            if ((!extra.EndsWith("/", StringComparison.Ordinal) && folders.Contains(bare)) || Parents(bare).Any(entries.Contains))
            {
                yield return extra;
            }
        }
    }

    public static IEnumerable<string> Parents(string path)
    {
        for (int slash = path.IndexOf('/'); slash > 0; slash = path.IndexOf('/', slash + 1))
        {
            yield return path.Substring(0, slash);
        }
    }

    private static async Task<bool> MatchesAsync(string root, string relative, long length, ulong crc, CancellationToken cancellationToken)
    {
        string path = Path.Combine(root, relative.Replace('/', Path.DirectorySeparatorChar));
        var info = new FileInfo(path);
        if (IsLink(info) || info.Length != length)
        {
            return false;
        }

        return (await Crc64Xz.HashFileAsync(path, cancellationToken: cancellationToken).ConfigureAwait(false)).Crc == crc;
    }

    private static async Task<HashSet<string>> PreviousReleaseAsync(
        string destination, List<string> leaves, HashSet<string> released, CancellationToken cancellationToken)
    {
        var previous = new HashSet<string>(StringComparer.Ordinal);
        foreach (string candidate in leaves.Where(l => l.IndexOf('/') < 0 && l.EndsWith(".crc64.json", StringComparison.Ordinal)))
        {
            Crc64Manifest old;
            try
            {
                old = Crc64ManifestReader.Read(Path.Combine(destination, candidate));
            }
            catch (Crc64ManifestException)
            {
                continue; // not a manifest: a user file like any other
            }

            if (!released.Contains(candidate))
            {
                previous.Add(candidate);
            }

            var present = new HashSet<string>(leaves, StringComparer.Ordinal);
            foreach (Crc64ManifestEntry entry in old.Files)
            {
                if (!released.Contains(entry.Path) && present.Contains(entry.Path) &&
                    await MatchesAsync(destination, entry.Path, entry.Length, entry.Crc64, cancellationToken).ConfigureAwait(false))
                {
                    previous.Add(entry.Path);
                }
            }
        }

        return previous;
    }

    /// <summary>A symbolic link (or junction): reparse points on every platform, on every target framework.</summary>
    public static bool IsLink(FileSystemInfo item) => (item.Attributes & FileAttributes.ReparsePoint) != 0;

    private static void Walk(string folder, string relative, List<string> leaves)
    {
        bool empty = true;
        foreach (FileSystemInfo item in new DirectoryInfo(folder).EnumerateFileSystemInfos())
        {
            empty = false;
            string path = relative.Length == 0 ? item.Name : relative + "/" + item.Name;
            if (item is DirectoryInfo && !IsLink(item))
            {
                Walk(item.FullName, path, leaves);
            }
            else
            {
                leaves.Add(path);
            }
        }

        if (empty && relative.Length > 0)
        {
            leaves.Add(relative + "/");
        }
    }
}
