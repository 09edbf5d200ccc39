using System;

namespace CrcBuildTools.Hashing;

/// <summary>How <see cref="Crc64Xz.HashFile"/> reads a file.</summary>
public sealed class Crc64XzFileOptions
{
    /// <summary>Sequential reads for files below 64 MiB, up to all cores above, 16 MiB chunks.</summary>
    public static Crc64XzFileOptions Default { get; } = new();

    /// <summary>Files at least this large are split into chunks hashed in parallel and joined with <see cref="Crc64Xz.Combine"/>.</summary>
    public long ParallelThreshold { get; init; } = 64L * 1024 * 1024;

    /// <summary>Size of each parallel chunk.</summary>
    public int ChunkSize { get; init; } = 16 * 1024 * 1024;

    /// <summary>How many chunks are hashed at once. 1 means strictly sequential.</summary>
    public int MaxDegreeOfParallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>Size of one read. Large reads keep the kernel in its fast loop and the syscall count low.</summary>
    public int ReadBufferSize { get; init; } = Crc64Xz.StreamBufferSize;
}
