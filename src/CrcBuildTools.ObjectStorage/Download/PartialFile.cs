using System;
using System.IO;
#if NET6_0_OR_GREATER
using Microsoft.Win32.SafeHandles;
#endif

namespace CrcBuildTools.ObjectStorage.Download;

/// <summary>
/// Positional writes into a file being downloaded; several ranges write into one file at once, each through its
/// own instance. Local I/O errors become CRC4041, so the retry loop never mistakes a full disk for a network fault.
/// </summary>
internal sealed class PartialFile : IDisposable
{
#if NET6_0_OR_GREATER
    private readonly SafeFileHandle _handle;
#else
    private readonly FileStream _stream;
#endif

    private PartialFile(string path, bool truncate, long? length)
    {
        Path = path;
        try
        {
            FileMode mode = truncate ? FileMode.Create : FileMode.OpenOrCreate;
#if NET6_0_OR_GREATER
            _handle = File.OpenHandle(path, mode, FileAccess.ReadWrite, FileShare.ReadWrite);
            if (length is long size && RandomAccess.GetLength(_handle) != size)
            {
                RandomAccess.SetLength(_handle, size);
            }
#else
            _stream = new FileStream(path, mode, FileAccess.ReadWrite, FileShare.ReadWrite, bufferSize: 1);
            if (length is long size && _stream.Length != size)
            {
                _stream.SetLength(size);
            }
#endif
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw StagingArea.NotWritable(path, e);
        }
    }

    public string Path { get; }

    /// <summary>Opens for a whole GET: empty, written from the start.</summary>
    public static PartialFile Create(string path) => new(path, truncate: true, length: null);

    /// <summary>Opens for ranges: kept as it is (resume), sized to the final length (sparse where the file system allows).</summary>
    public static PartialFile OpenForRanges(string path, long length) => new(path, truncate: false, length);

    public void Write(long offset, ReadOnlySpan<byte> bytes)
    {
        try
        {
#if NET6_0_OR_GREATER
            RandomAccess.Write(_handle, bytes, offset);
#else
            lock (_stream)
            {
                _stream.Position = offset;
                byte[] copy = bytes.ToArray();
                _stream.Write(copy, 0, copy.Length);
            }
#endif
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw StagingArea.NotWritable(Path, e);
        }
    }

    /// <summary>Reads back what an earlier run wrote (resume only: fresh bytes are hashed on their way in).</summary>
    public int Read(long offset, Span<byte> buffer)
    {
        try
        {
#if NET6_0_OR_GREATER
            return RandomAccess.Read(_handle, buffer, offset);
#else
            lock (_stream)
            {
                _stream.Position = offset;
                byte[] copy = new byte[buffer.Length];
                int read = _stream.Read(copy, 0, copy.Length);
                copy.AsSpan(0, read).CopyTo(buffer);
                return read;
            }
#endif
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw StagingArea.NotWritable(Path, e);
        }
    }

    public void Dispose()
    {
#if NET6_0_OR_GREATER
        _handle.Dispose();
#else
        _stream.Dispose();
#endif
    }
}
