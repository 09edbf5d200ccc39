using System;
using System.Buffers;
using System.IO;
using System.Threading;

namespace CrcBuildTools.Hashing.Files;

/// <summary>
/// One parallel worker's reads of byte ranges of an open file. On .NET 8+ every worker reads the same handle with
/// positional reads (pread), so no worker opens the path again, where a swapped path could lead elsewhere; the
/// netstandard2.0 build has no positional reads, so each worker opens the file again under the same rules.
/// </summary>
internal sealed class ChunkReader : IDisposable
{
    private readonly byte[] _buffer;
#if NET8_0_OR_GREATER
    private readonly Microsoft.Win32.SafeHandles.SafeFileHandle _handle;

    private ChunkReader(OpenedFile file, int bufferSize)
    {
        _handle = file.Handle;
        _buffer = ArrayPool<byte>.Shared.Rent(bufferSize);
    }

    public static ChunkReader Create(OpenedFile file, string path, Crc64XzFileOptions options) => new(file, options.ReadBufferSize);

    private int Read(long offset, int count) => RandomAccess.Read(_handle, _buffer.AsSpan(0, count), offset);

    public void Dispose() => ArrayPool<byte>.Shared.Return(_buffer);
#else
    private readonly OpenedFile _own;

    private ChunkReader(OpenedFile own, int bufferSize)
    {
        _own = own;
        _buffer = ArrayPool<byte>.Shared.Rent(bufferSize);
    }

    public static ChunkReader Create(OpenedFile file, string path, Crc64XzFileOptions options) =>
        new(GuardedFileOpener.Open(path, options, FileOptions.None), options.ReadBufferSize);

    private int Read(long offset, int count) => _own.ReadAt(_buffer, count, offset);

    public void Dispose()
    {
        _own.Dispose();
        ArrayPool<byte>.Shared.Return(_buffer);
    }
#endif

    /// <summary>Hashes <paramref name="count"/> bytes from <paramref name="start"/>; false if the file ends before.</summary>
    public bool TryHash(long start, long count, Action? afterRead, CancellationToken cancellationToken, out ulong crc)
    {
        ulong register = ulong.MaxValue;
        long offset = start;
        long remaining = count;
        while (remaining > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int read = Read(offset, (int)Math.Min(_buffer.Length, remaining));
            if (read == 0)
            {
                crc = 0;
                return false;
            }

            register = Crc64XzKernel.Update(register, _buffer.AsSpan(0, read));
            offset += read;
            remaining -= read;
            afterRead?.Invoke();
        }

        crc = ~register;
        return true;
    }
}
