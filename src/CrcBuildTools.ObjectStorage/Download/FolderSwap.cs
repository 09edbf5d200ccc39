using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.InteropServices;

namespace CrcBuildTools.ObjectStorage.Download;

/// <summary>
/// Puts the staged release in DEST's place so that DEST is only ever the old release or the new one. First the new
/// tree is completed beside DEST: files that were already right and the user's extra files are hard-linked into it
/// (copied where links are impossible), so nothing is fetched twice and nothing of the user's is lost. Then one swap:
/// on Linux a single <c>renameat2(RENAME_EXCHANGE)</c>; elsewhere DEST is renamed to <c>previous/</c> and the new
/// tree to DEST, and a crash between the two is undone by the next run (see <see cref="StagingArea"/>).
/// </summary>
internal static class FolderSwap
{
    /// <summary>Links (or copies) <paramref name="relativePaths"/> from DEST into the staged tree.</summary>
    public static void CarryOver(string destination, string stagedTree, IEnumerable<string> relativePaths)
    {
        foreach (string relative in relativePaths)
        {
            string target = Path.Combine(stagedTree, relative.TrimEnd('/').Replace('/', Path.DirectorySeparatorChar));
            if (relative.EndsWith("/", StringComparison.Ordinal))
            {
                Directory.CreateDirectory(target);
                continue;
            }

            string source = Path.Combine(destination, relative.Replace('/', Path.DirectorySeparatorChar));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            if (File.Exists(target))
            {
                File.Delete(target);
            }

            if (!NativeFileSystem.TryHardLink(source, target))
            {
                File.Copy(source, target);
            }
        }
    }

    /// <summary>Gives the staged root DEST's permissions, so the swap changes contents, not access.</summary>
    public static void CopyFolderMode(string destination, string stagedTree)
    {
#if NET7_0_OR_GREATER
        if (!RuntimeInformation.IsOSPlatform(OSPlatform.Windows) && Directory.Exists(destination))
        {
            File.SetUnixFileMode(stagedTree, File.GetUnixFileMode(destination));
        }
#endif
    }

    /// <summary>Makes the staged tree DEST; throws CRC4043 with DEST unchanged when that cannot be done.</summary>
    public static void Swap(string destination, StagingArea staging)
    {
        string staged = staging.ReleaseTree;
        try
        {
            if (!Directory.Exists(destination))
            {
                Directory.Move(staged, destination);
                return;
            }

            if (NativeFileSystem.TryExchange(staged, destination))
            {
                // The old release now lies where the staged tree was; it leaves with the staging folder.
                return;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Failed(destination, e);
        }

        string previous = staging.PreviousTree;
        try
        {
            Directory.Move(destination, previous);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Failed(destination, e);
        }

        try
        {
            Directory.Move(staged, destination);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Directory.Move(previous, destination);
            throw Failed(destination, e);
        }
    }

    private static ObjectStorageException Failed(string destination, Exception e) =>
        new(DownloadErrorCodes.SwapFailed, $"The verified release could not be swapped into '{destination}': {e.Message}",
            "DEST was left as it was. DEST must be a folder that can be renamed (not a mount point, not open as another program's " +
            "working folder on Windows): download into a folder below it, then run again; the verified files are kept for that run.", e)
        {
            FilePath = destination,
        };
}
