using System;

namespace CrcBuildTools.ObjectStorage;

/// <summary>How <see cref="ReleaseDownloader"/> fetches (where from is the <see cref="ReleaseSource"/>).</summary>
public sealed class DownloadOptions
{
    /// <summary>Requests in flight at once (files and ranges), 1 to 64. Memory is bounded by this times <see cref="BufferSize"/>.</summary>
    public int Parallelism { get; init; } = 4;

    /// <summary>Files larger than this come down as parallel ranged GETs of this size (64 KiB to 1 GiB).</summary>
    public long RangeSize { get; init; } = 8 * ObjectStorageOptions.MiB;

    /// <summary>Delete files in DEST that the release does not list (default: keep and report them).</summary>
    public bool DeleteExtraFiles { get; init; }

    /// <summary>A file whose answer carries no CRC-64 header is an error (default: reported, and judged on the manifest).</summary>
    public bool RequireServerChecksum { get; init; }

    /// <summary>How often a large file reports its percentage and throughput.</summary>
    public TimeSpan ProgressInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Bytes read from the network per step of one request: what each request in flight holds in memory.</summary>
    internal int BufferSize => (int)Math.Min(RangeSize, ObjectStorageOptions.MiB);

    internal void EnsureValid()
    {
        if (Parallelism is < 1 or > 64)
        {
            throw new ObjectStorageException(DownloadErrorCodes.InvalidSettings, $"--parallelism {Parallelism} is out of range", "Use 1 to 64.");
        }

        if (RangeSize < 64 * 1024 || RangeSize > ObjectStorageOptions.MaxPartSize)
        {
            throw new ObjectStorageException(DownloadErrorCodes.InvalidSettings, $"--range-size {RangeSize} is out of range",
                $"Use 65536 to {ObjectStorageOptions.MaxPartSize} bytes.");
        }
    }
}
