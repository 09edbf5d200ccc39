using System;
using System.IO;
using Microsoft.Win32.SafeHandles;

namespace CrcBuildTools.Hashing.Files;

/// <summary>A file opened by <see cref="GuardedFileOpener"/>: its handle, what it is, and its current status.</summary>
/// <remarks>
/// On .NET 8+ a regular file is read with positional reads of the handle; the FileStream (and the system calls it
/// makes to learn its position) is only created for a caller that asks for a stream. For thousands of small resources
/// that is a fifth of the system calls per file.
/// </remarks>
internal sealed class OpenedFile : IDisposable
{
    private readonly int _descriptor;
    private readonly SafeFileHandle _handle;
    private FileStream? _stream;
    private FileStatus? _atOpen;

    public OpenedFile(FileStream stream, Crc64XzFileKind kind, string openedPath)
        : this(stream.SafeFileHandle, kind, openedPath, -1, null)
    {
        _stream = stream;
    }

    public OpenedFile(SafeFileHandle handle, Crc64XzFileKind kind, string openedPath, int descriptor, FileStatus? atOpen)
    {
        _handle = handle;
        Kind = kind;
        OpenedPath = openedPath;
        _descriptor = descriptor;
        _atOpen = atOpen;
    }

    /// <summary>Unbuffered: the reader's own pooled buffer is the only copy.</summary>
    public FileStream Stream => _stream ??= new FileStream(_handle, FileAccess.Read, bufferSize: 1);

    public SafeFileHandle Handle => _handle;

    public Crc64XzFileKind Kind { get; }

    /// <summary>The path that was opened: the given one, or where its links lead when a containing folder was set.</summary>
    public string OpenedPath { get; }

    /// <summary>Reads up to <paramref name="count"/> bytes at <paramref name="offset"/> (a pipe ignores the offset: it only goes forward).</summary>
    public int ReadAt(byte[] buffer, int count, long offset)
    {
#if NET8_0_OR_GREATER
        if (Kind == Crc64XzFileKind.RegularFile)
        {
            return RandomAccess.Read(_handle, buffer.AsSpan(0, count), offset);
        }
#else
        if (Kind == Crc64XzFileKind.RegularFile && Stream.Position != offset)
        {
            Stream.Position = offset;
        }
#endif
        return Stream.Read(buffer, 0, count);
    }

    /// <summary>The file's status now, taken from the open handle where the platform allows it.</summary>
    /// <remarks>The first call returns the status the opener already took of the descriptor: one system call less per file.</remarks>
    public FileStatus Status()
    {
        if (_atOpen is FileStatus first)
        {
            _atOpen = null;
            return first;
        }

        FileStatus? status = _descriptor >= 0 ? LinuxStat.OfDescriptor(_descriptor) : LinuxStat.OfPath(OpenedPath, followLinks: true);
        if (status is FileStatus known)
        {
            return known;
        }

#if NET8_0_OR_GREATER
        long modified = File.GetLastWriteTimeUtc(_handle).Ticks;
        long length = RandomAccess.GetLength(_handle);
#else
        long modified = File.GetLastWriteTimeUtc(OpenedPath).Ticks;
        long length = Stream.Length;
#endif
        return new FileStatus(Kind, false, length, modified, 0, 0);
    }

    public void Dispose()
    {
        if (_stream is not null)
        {
            _stream.Dispose();
        }
        else
        {
            _handle.Dispose();
        }
    }
}
