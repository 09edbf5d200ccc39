using System;
using System.IO;
using CrcBuildTools.Hashing;

namespace CrcBuildTools.ObjectStorage.Upload;

/// <summary>
/// Reads a byte range of a file into a caller's (pooled) buffer, with coded errors, under the same file rules as the
/// manifest: a file that is (or lies under) a symbolic link leading out of the publish folder is CRC3061, and a pipe,
/// device or socket is CRC3062. Both are decided before a byte is read; a pipe is never opened, so it cannot block.
/// </summary>
internal static class LocalFileReader
{
    /// <summary>Opens with no FileStream buffering: the bytes go straight into the part buffer, copied once.</summary>
    public static FileStream Open(string path, string? containingFolder = null)
    {
        try
        {
            return Crc64Xz.OpenFile(path, new Crc64XzFileOptions { ContainingFolder = containingFolder });
        }
        catch (Crc64XzFileException e)
        {
            throw Refused(path, e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw Unreadable(path, e);
        }
    }

    /// <summary>Fills <paramref name="count"/> bytes from <paramref name="offset"/>; CRC3021 if the file got shorter.</summary>
    public static void ReadExactly(string path, long offset, byte[] buffer, int count, string key)
    {
        using FileStream stream = Open(path);
        try
        {
            stream.Position = offset;
            int done = 0;
            while (done < count)
            {
                int read = stream.Read(buffer, done, count - done);
                if (read == 0)
                {
                    throw Changed(path, key, $"it ended at {offset + done} bytes while {offset + count} were expected");
                }

                done += read;
            }
        }
        catch (IOException e)
        {
            throw Unreadable(path, e);
        }
    }

    /// <summary>
    /// The length of a file to upload, after the link rule: the publish folder is where <see cref="UploadItem.LocalPath"/>
    /// ends in <see cref="UploadItem.RelativePath"/>, and the file must lie inside it once every link is followed.
    /// </summary>
    public static long LengthOf(UploadItem item)
    {
        using FileStream stream = Open(item.LocalPath, PublishFolderOf(item));
        return stream.Length;
    }

    public static ObjectStorageException Unreadable(string path, Exception inner) =>
        new(StorageErrorCodes.LocalFileUnreadable, "The file to upload cannot be read: " + inner.Message,
            "Make sure the publish output is complete and not locked by another process, then publish again.", inner)
        {
            FilePath = path,
        };

    public static ObjectStorageException Changed(string path, string key, string detail, ulong? expected = null, ulong? actual = null) =>
        new(StorageErrorCodes.LocalFileChanged, "The file changed after the manifest was written: " + detail,
            "Something modified the publish folder during the upload. Publish again from a clean folder.")
        {
            FilePath = path,
            ObjectKey = key,
            LocalCrc = actual,
            RemoteCrc = null,
        };

    private static ObjectStorageException Refused(string path, Crc64XzFileException e) => e.Problem == Crc64XzFileProblem.OutsideFolder
        ? new(StorageErrorCodes.LinkLeavesPublishFolder, e.Message,
            "A release holds only the bytes inside its publish folder: replace the link by a copy of the file, or remove it, and publish again.", e)
        {
            FilePath = path,
        }
        : new(StorageErrorCodes.NotARegularFile, e.Message,
            "Only regular files can be uploaded and verified: replace it by a file, or remove it from the publish output.", e)
        {
            FilePath = path,
        };

    private static string? PublishFolderOf(UploadItem item)
    {
        string local = Path.GetFullPath(item.LocalPath);
        string relative = item.RelativePath.Replace('\\', '/').Replace('/', Path.DirectorySeparatorChar);
        return relative.Length > 0 && local.EndsWith(Path.DirectorySeparatorChar + relative, StringComparison.Ordinal)
            ? local.Substring(0, local.Length - relative.Length - 1)
            : null;
    }
}
