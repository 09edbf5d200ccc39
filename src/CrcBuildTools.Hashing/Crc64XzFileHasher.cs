using System;
using System.Buffers;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace CrcBuildTools.Hashing;

/// <summary>
/// File hashing close to the speed of merely reading the file: one pooled buffer per reader, sequential access hints,
/// and for large files independent chunks hashed in parallel, then joined with <see cref="Crc64Xz.Combine"/>.
/// </summary>
internal static class Crc64XzFileHasher
{
    public static Crc64XzFileHash Hash(string path, Crc64XzFileOptions options, CancellationToken cancellationToken)
    {
        if (path is null)
        {
            throw new ArgumentNullException(nameof(path));
        }

        using FileStream file = OpenForReading(path, FileOptions.SequentialScan);
        long length = file.Length;
        if (length < options.ParallelThreshold || options.MaxDegreeOfParallelism <= 1 || length <= options.ChunkSize)
        {
            return new Crc64XzFileHash(HashRange(file, 0, length, options.ReadBufferSize, cancellationToken), length);
        }

        int chunkCount = checked((int)((length + options.ChunkSize - 1) / options.ChunkSize));
        var chunkCrcs = new ulong[chunkCount];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism, CancellationToken = cancellationToken };

        // Each worker opens its own handle so that reads never contend on one file position.
        Parallel.For(
            0,
            chunkCount,
            parallel,
            () => OpenForReading(path, FileOptions.None),
            (chunk, _, handle) =>
            {
                long start = (long)chunk * options.ChunkSize;
                chunkCrcs[chunk] = HashRange(handle, start, Math.Min(options.ChunkSize, length - start), options.ReadBufferSize, cancellationToken);
                return handle;
            },
            handle => handle.Dispose());

        ulong crc = 0;
        for (int chunk = 0; chunk < chunkCount; chunk++)
        {
            long start = (long)chunk * options.ChunkSize;
            crc = Crc64Xz.Combine(crc, chunkCrcs[chunk], Math.Min(options.ChunkSize, length - start));
        }

        return new Crc64XzFileHash(crc, length);
    }

    // A buffer size of 1 turns off FileStream's own buffer: we read large blocks straight into a pooled array,
    // so a second copy would only cost bandwidth.
    private static FileStream OpenForReading(string path, FileOptions options) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, bufferSize: 1, options);

    private static ulong HashRange(FileStream file, long start, long count, int readBufferSize, CancellationToken cancellationToken)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent((int)Math.Min(readBufferSize, Math.Max(count, 1)));
        try
        {
            file.Position = start;
            ulong register = ulong.MaxValue;
            long remaining = count;
            while (remaining > 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                int read = file.Read(buffer, 0, (int)Math.Min(buffer.Length, remaining));
                if (read == 0)
                {
                    throw new IOException($"The file '{file.Name}' became shorter while it was being hashed; it is being written by another process.");
                }

                register = Crc64XzKernel.Update(register, buffer.AsSpan(0, read));
                remaining -= read;
            }

            return ~register;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
