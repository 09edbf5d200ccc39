using System;
using System.Buffers;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;
using CrcBuildTools.Hashing.Files;

namespace CrcBuildTools.Hashing;

/// <summary>
/// File hashing close to the speed of merely reading the file: one pooled buffer per reader, sequential access hints,
/// and for large files independent chunks hashed in parallel, then joined with <see cref="Crc64Xz.Combine"/>.
/// </summary>
/// <remarks>
/// <para>The result is always the CRC of the bytes actually read, up to the end of the file. The length the file
/// system reports is only a plan for splitting the work: it lies for files like <c>/proc/version</c> (size 0), and it
/// is stale for a file that grows while it is read.</para>
/// <para>A regular file's status (length, modification and change time, identity) is taken from the open handle before
/// and after the read. If it moved, or the file did not end where the chunks assumed, the file was written meanwhile:
/// it is hashed once more, sequentially, and if it changes again the hash fails with
/// <see cref="Crc64XzFileProblem.ChangedWhileHashed"/>. So the result is a length and CRC that the file really had,
/// never a mix of two versions or the first part of a longer file.</para>
/// </remarks>
internal static class Crc64XzFileHasher
{
    private const int Attempts = 2;

    /// <summary>
    /// Test seam: called after every read of a regular file with the attempt number, so a test can write to the file
    /// at an exact point of the hash. Flows with the execution context into the parallel workers; null in production.
    /// </summary>
    internal static readonly AsyncLocal<Action<int>?> AfterEachRead = new();

    public static Crc64XzFileHash Hash(string path, Crc64XzFileOptions options, CancellationToken cancellationToken)
    {
        using OpenedFile file = GuardedFileOpener.Open(path, options);
        if (file.Kind != Crc64XzFileKind.RegularFile)
        {
            // A pipe or device (only when the caller asked for it): read once, to its end; there is no status to compare.
            return HashToEnd(file, options.ReadBufferSize, cancellationToken)!.Value;
        }

        for (int attempt = 1; ; attempt++)
        {
            FileStatus before = file.Status();
            bool chunked = attempt == 1 && before.Length >= options.ParallelThreshold && options.MaxDegreeOfParallelism > 1 && before.Length > options.ChunkSize;
            Crc64XzFileHash? hash;
            Action<int>? observer = AfterEachRead.Value;
            Action? afterRead = observer is null ? null : () => observer(attempt);
            if (chunked)
            {
                hash = HashChunks(file, path, before.Length, options, afterRead, cancellationToken);
            }
            else
            {
                // A small file gets a small buffer: one read for its bytes, one that finds the end.
                hash = HashToEnd(file, (int)Math.Min(options.ReadBufferSize, Math.Max(4096L, before.Length + 1)), cancellationToken, afterRead, GrowthLimit(before.Length));
            }

            if (hash is Crc64XzFileHash settled && file.Status() == before)
            {
                return settled;
            }

            if (attempt == Attempts)
            {
                throw new Crc64XzFileException(
                    Crc64XzFileProblem.ChangedWhileHashed,
                    path,
                    $"'{path}' was written to while it was being hashed, twice in a row, so no length and CRC-64 of it can be trusted. Another process is still writing it.");
            }
        }
    }

    /// <summary>
    /// How far past its reported length a regular file is read before it counts as growing: far enough for files whose
    /// size reads as 0 (<c>/proc</c>), bounded so that a file appended to as fast as it is read cannot keep the read going.
    /// </summary>
    internal static long GrowthLimit(long reportedLength) => reportedLength + Math.Max(reportedLength, 64L * 1024 * 1024);

    /// <summary>Reads from the start to the end of the file; the length is what was read. <see langword="null"/> past <paramref name="maxLength"/>.</summary>
    private static Crc64XzFileHash? HashToEnd(OpenedFile file, int readBufferSize, CancellationToken cancellationToken, Action? afterRead = null, long maxLength = long.MaxValue)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(readBufferSize);
        try
        {
            ulong register = ulong.MaxValue;
            long length = 0;
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                int read = file.ReadAt(buffer, buffer.Length, length);
                if (read == 0)
                {
                    return new Crc64XzFileHash(~register, length);
                }

                register = Crc64XzKernel.Update(register, buffer.AsSpan(0, read));
                length += read;
                if (length > maxLength)
                {
                    return null;
                }

                afterRead?.Invoke();
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// Hashes <paramref name="length"/> bytes as parallel chunks. Returns <see langword="null"/> when the file does not
    /// end exactly there (it shrank, grew, or its size lies), so the caller hashes it again from start to end.
    /// </summary>
    private static Crc64XzFileHash? HashChunks(OpenedFile file, string path, long length, Crc64XzFileOptions options, Action? afterRead, CancellationToken cancellationToken)
    {
        int chunkCount = checked((int)((length + options.ChunkSize - 1) / options.ChunkSize));
        var chunkCrcs = new ulong[chunkCount];
        int shortChunks = 0;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism, CancellationToken = cancellationToken };
        try
        {
            Parallel.For(
                0,
                chunkCount,
                parallel,
                () => ChunkReader.Create(file, path, options),
                (chunk, _, reader) =>
                {
                    long start = (long)chunk * options.ChunkSize;
                    long count = Math.Min(options.ChunkSize, length - start);
                    if (reader.TryHash(start, count, afterRead, cancellationToken, out ulong crc))
                    {
                        chunkCrcs[chunk] = crc;
                    }
                    else
                    {
                        Interlocked.Increment(ref shortChunks);
                    }

                    return reader;
                },
                reader => reader.Dispose());
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            // A worker's own failure (the file vanished, a read failed) is the caller's, not "one or more errors".
            ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
            throw;
        }

        if (shortChunks != 0 || HasMoreThan(file, length))
        {
            return null;
        }

        ulong combined = 0;
        for (int chunk = 0; chunk < chunkCount; chunk++)
        {
            long start = (long)chunk * options.ChunkSize;
            combined = Crc64Xz.Combine(combined, chunkCrcs[chunk], Math.Min(options.ChunkSize, length - start));
        }

        return new Crc64XzFileHash(combined, length);
    }

    private static bool HasMoreThan(OpenedFile file, long length)
    {
        return file.ReadAt(new byte[1], 1, length) != 0;
    }
}
