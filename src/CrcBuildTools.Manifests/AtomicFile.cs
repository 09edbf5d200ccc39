using System;
using System.IO;

namespace CrcBuildTools.Manifests;

/// <summary>
/// Replaces a small generated file (a manifest, a hash cache, a resource checksum file) only when its bytes change, so
/// an unchanged file keeps its timestamp and nothing downstream rebuilds; the new bytes go to a temporary file first
/// and replace the old one by a rename, so readers never see half a file.
/// </summary>
/// <remarks>
/// It knows nothing about what the file is for: a failure surfaces as the I/O exception itself (see
/// <see cref="IsWriteFailure"/>), and each caller says in its own words and with its own code what could not be written.
/// </remarks>
internal static class AtomicFile
{
    /// <summary>Writes <paramref name="content"/> to <paramref name="path"/> unless the file already holds exactly it.</summary>
    /// <param name="path">The target file; its folder is created when missing.</param>
    /// <param name="content">The desired bytes.</param>
    /// <returns>Whether the file was written.</returns>
    /// <exception cref="Exception">A failure for which <see cref="IsWriteFailure"/> is true; no temporary file is left.</exception>
    public static bool ReplaceIfDifferent(string path, byte[] content)
    {
        if (path is null)
        {
            throw new ArgumentNullException(nameof(path));
        }

        if (content is null)
        {
            throw new ArgumentNullException(nameof(content));
        }

        string fullPath = Path.GetFullPath(path);
        string temporary = fullPath + "." + Guid.NewGuid().ToString("N").Substring(0, 12) + ".tmp";
        try
        {
            if (HasContent(fullPath, content))
            {
                return false;
            }

            string? directory = Path.GetDirectoryName(fullPath);
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }

            File.WriteAllBytes(temporary, content);
            MoveOver(temporary, fullPath);
            return true;
        }
        catch (Exception e) when (IsWriteFailure(e))
        {
            TryDelete(temporary);
            throw;
        }
    }

    /// <summary>The exceptions <see cref="ReplaceIfDifferent"/> lets through: the file system refused the write.</summary>
    public static bool IsWriteFailure(Exception e) =>
        e is IOException or UnauthorizedAccessException or NotSupportedException or System.Security.SecurityException;

    private static bool HasContent(string path, byte[] content)
    {
        var info = new FileInfo(path);
        if (!info.Exists || info.Length != content.Length)
        {
            return false;
        }

        byte[] existing = File.ReadAllBytes(path);
        return existing.AsSpan().SequenceEqual(content);
    }

    private static void MoveOver(string source, string destination)
    {
        // Several builds may write the same file at once (-m with a shared output folder). Each uses its own
        // temporary name, and the last rename wins with a complete file; only a transient sharing clash is retried.
        for (int attempt = 1; ; attempt++)
        {
            try
            {
#if NETSTANDARD2_0
                if (File.Exists(destination))
                {
                    File.Replace(source, destination, destinationBackupFileName: null, ignoreMetadataErrors: true);
                }
                else
                {
                    File.Move(source, destination);
                }
#else
                File.Move(source, destination, overwrite: true);
#endif
                return;
            }
            catch (IOException) when (attempt < 5)
            {
                System.Threading.Thread.Sleep(20 * attempt);
            }
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
