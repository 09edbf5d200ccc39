using System;
using System.IO;

namespace CrcBuildTools.ObjectStorage.Upload;

/// <summary>Reads a byte range of a file into a caller's (pooled) buffer, with coded errors.</summary>
internal static class LocalFileReader
{
    /// <summary>Opens with no FileStream buffering: the bytes go straight into the part buffer, copied once.</summary>
    public static FileStream Open(string path)
    {
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, bufferSize: 1);
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

    public static long LengthOf(string path)
    {
        try
        {
            var info = new FileInfo(path);
            return info.Exists ? info.Length : throw Unreadable(path, new FileNotFoundException("The file does not exist.", path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            throw Unreadable(path, e);
        }
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
}
