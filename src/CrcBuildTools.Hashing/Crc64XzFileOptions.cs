using System;

namespace CrcBuildTools.Hashing;

/// <summary>How <see cref="Crc64Xz.HashFile"/> and <see cref="Crc64Xz.OpenFile"/> treat a file.</summary>
/// <remarks>Every value is checked when it is set; one out of range throws <see cref="ArgumentOutOfRangeException"/>.</remarks>
public sealed class Crc64XzFileOptions
{
    /// <summary>The largest <see cref="ChunkSize"/> and <see cref="ReadBufferSize"/>: 1 GiB.</summary>
    public const int MaximumBlockSize = 1024 * 1024 * 1024;

    /// <summary>The most parallel readers one file may get.</summary>
    public const int MaximumDegreeOfParallelism = 512;

    private readonly long _parallelThreshold = 64L * 1024 * 1024;
    private readonly int _chunkSize = 16 * 1024 * 1024;
    private readonly int _maxDegreeOfParallelism = Math.Min(Environment.ProcessorCount, MaximumDegreeOfParallelism);
    private readonly int _readBufferSize = Crc64Xz.StreamBufferSize;

    /// <summary>Sequential reads for files below 64 MiB, up to all cores above, 16 MiB chunks.</summary>
    public static Crc64XzFileOptions Default { get; } = new();

    /// <summary>Files at least this large are split into chunks hashed in parallel and joined with <see cref="Crc64Xz.Combine"/>; 0 or more.</summary>
    public long ParallelThreshold
    {
        get => _parallelThreshold;
        init => _parallelThreshold = value >= 0 ? value : throw OutOfRange(nameof(ParallelThreshold), value, "0 or more bytes");
    }

    /// <summary>Size of each parallel chunk, 1 byte to <see cref="MaximumBlockSize"/>.</summary>
    public int ChunkSize
    {
        get => _chunkSize;
        init => _chunkSize = value is >= 1 and <= MaximumBlockSize ? value : throw OutOfRange(nameof(ChunkSize), value, "1 byte to 1 GiB");
    }

    /// <summary>How many chunks are hashed at once, 1 (strictly sequential) to <see cref="MaximumDegreeOfParallelism"/>.</summary>
    public int MaxDegreeOfParallelism
    {
        get => _maxDegreeOfParallelism;
        init => _maxDegreeOfParallelism = value is >= 1 and <= MaximumDegreeOfParallelism ? value : throw OutOfRange(nameof(MaxDegreeOfParallelism), value, "1 to 512");
    }

    /// <summary>Size of one read, 1 byte to <see cref="MaximumBlockSize"/>. Large reads keep the kernel in its fast loop and the syscall count low.</summary>
    public int ReadBufferSize
    {
        get => _readBufferSize;
        init => _readBufferSize = value is >= 1 and <= MaximumBlockSize ? value : throw OutOfRange(nameof(ReadBufferSize), value, "1 byte to 1 GiB");
    }

    /// <summary>
    /// When set, the file must lie inside this folder once every symbolic link on its path (and on the folder's) is
    /// followed: a link inside the folder to another file inside it is hashed as that file; a link that leads out is
    /// refused with <see cref="Crc64XzFileProblem.OutsideFolder"/> before anything is read. This is how manifests
    /// keep a folder from vouching for bytes that are not in it.
    /// </summary>
    public string? ContainingFolder { get; init; }

    /// <summary>
    /// Read pipes, FIFOs and character devices (<c>/dev/stdin</c>, <c>/dev/zero</c>) sequentially to their end, as
    /// <c>sha256sum</c> does, instead of refusing them with <see cref="Crc64XzFileProblem.NotARegularFile"/>. Off by
    /// default: such a file has no length to check and may never end. Directories and sockets are always refused.
    /// </summary>
    public bool ReadNonRegularFiles { get; init; }

    private static ArgumentOutOfRangeException OutOfRange(string name, long value, string range) =>
        new(name, value, $"{name} must be {range}; {value} is out of range.");
}
