using System;
using System.IO;

namespace CrcBuildTools.ObjectStorage.Download;

/// <summary>
/// The work folder of a download, beside DEST (same file system, so renames and hard links work):
/// <c>&lt;parent&gt;/.&lt;name&gt;.crc64xz-staging/</c> with
/// <c>lock</c> (held while a download runs, so two never share it), <c>journal</c> (the resume record),
/// <c>partial/</c> (files being fetched, under their manifest index), <c>release/</c> (the new DEST being assembled:
/// verified files under their real names), and, only during a two-rename swap, <c>previous/</c>.
/// DEST itself is touched only by <see cref="FolderSwap"/>.
/// </summary>
internal sealed class StagingArea : IDisposable
{
    private readonly FileStream _lock;

    private StagingArea(string root, FileStream lockFile, ResumeJournal journal)
    {
        Root = root;
        _lock = lockFile;
        Journal = journal;
    }

    public string Root { get; }

    public string ReleaseTree => Path.Combine(Root, "release");

    public string PartialFolder => Path.Combine(Root, "partial");

    public string PreviousTree => Path.Combine(Root, "previous");

    public ResumeJournal Journal { get; }

    public static string RootFor(string destination)
    {
        string full = Path.GetFullPath(destination).TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
        string? parent = Path.GetDirectoryName(full);
        string name = Path.GetFileName(full);
        if (parent is null || name.Length == 0)
        {
            throw new ObjectStorageException(DownloadErrorCodes.DestinationInvalid, $"DEST '{destination}' is a root folder",
                "Download into a folder below the root (e.g. /srv/myapp): the release is staged beside DEST and swapped in.");
        }

        return Path.Combine(parent, "." + name + ".crc64xz-staging");
    }

    /// <summary>Opens (or creates) the staging folder of <paramref name="destination"/> for the release <paramref name="releaseId"/>.</summary>
    public static StagingArea Open(string destination, string releaseId)
    {
        string root = RootFor(destination);
        FileStream lockFile;
        try
        {
            Directory.CreateDirectory(root);
            lockFile = new FileStream(Path.Combine(root, "lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e) when (Directory.Exists(root) && e is not DirectoryNotFoundException)
        {
            throw new ObjectStorageException(DownloadErrorCodes.DestinationBusy,
                $"Another download into '{destination}' is running (its staging folder '{root}' is locked)",
                "Wait for it to finish. If no download is running, a crashed one left the lock: run again, the lock ends with its process.", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw NotWritable(root, e);
        }

        try
        {
            RecoverInterruptedSwap(root, destination);
            ResumeJournal journal = ResumeJournal.Open(Path.Combine(root, "journal"), releaseId, out bool sameRelease);
            if (!sameRelease)
            {
                // Leftovers of another release are never mixed into this one.
                DeleteIfExists(Path.Combine(root, "release"));
                DeleteIfExists(Path.Combine(root, "partial"));
            }

            Directory.CreateDirectory(Path.Combine(root, "release"));
            Directory.CreateDirectory(Path.Combine(root, "partial"));
            return new StagingArea(root, lockFile, journal);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            lockFile.Dispose();
            throw NotWritable(root, e);
        }
    }

    public string PartialPath(int index) => Path.Combine(PartialFolder, index.ToString(System.Globalization.CultureInfo.InvariantCulture) + ".part");

    public string StagedPath(string relativePath) => Path.Combine(ReleaseTree, relativePath.Replace('/', Path.DirectorySeparatorChar));

    /// <summary>Removes the whole staging folder (after a successful swap, or when nothing needed to change).</summary>
    public void Remove()
    {
        Journal.Dispose();
        _lock.Dispose();
        DeleteIfExists(Root);
    }

    public void Dispose()
    {
        Journal.Dispose();
        _lock.Dispose();
    }

    public static ObjectStorageException NotWritable(string path, Exception e) =>
        new(DownloadErrorCodes.DestinationNotWritable, $"Cannot write '{path}': {e.Message}",
            "Check free space and permissions next to DEST (the release is staged beside it), then run again; DEST was not changed.", e)
        {
            FilePath = path,
        };

    public static void DeleteIfExists(string path)
    {
        if (Directory.Exists(path))
        {
            // Links inside are removed as links; Directory.Delete never follows them.
            Directory.Delete(path, recursive: true);
        }
        else if (File.Exists(path))
        {
            File.Delete(path);
        }
    }

    /// <summary>
    /// A crash between the two renames of a fallback swap leaves DEST missing and the old tree in <c>previous/</c>:
    /// put it back, so DEST is the old release again and this run redoes the swap. A crash after the second rename
    /// leaves only the old tree to delete.
    /// </summary>
    private static void RecoverInterruptedSwap(string root, string destination)
    {
        string previous = Path.Combine(root, "previous");
        if (!Directory.Exists(previous))
        {
            return;
        }

        if (!Directory.Exists(destination))
        {
            Directory.Move(previous, destination);
        }
        else
        {
            Directory.Delete(previous, recursive: true);
        }
    }
}
