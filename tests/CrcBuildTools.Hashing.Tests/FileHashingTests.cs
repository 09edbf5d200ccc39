using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using CrcBuildTools.Hashing.Tests.Support;
using CrcBuildTools.TestSupport;
using Xunit;

namespace CrcBuildTools.Hashing.Tests;

/// <summary>
/// HashFile reads sequentially or in parallel chunks joined with Combine; both must equal the in-memory hash. Small
/// thresholds and chunk sizes force the parallel path on small files so every boundary case is cheap to reach.
/// </summary>
public sealed class FileHashingTests : IDisposable
{
    private readonly TempFolder _directory = new();

    public static TheoryData<int, int, int, int> Layouts => new()
    {
        // length, chunk size, parallelism, read buffer
        { 0, 4096, 4, 4096 },
        { 1, 4096, 4, 4096 },
        { 4095, 1, 3, 1 },              // one-byte chunks and one-byte reads
        { 4096, 4096, 2, 4096 },        // exactly one chunk: sequential
        { 4097, 4096, 2, 4096 },        // one chunk and one byte
        { 100_003, 4096, 4, 1000 },     // reads smaller than chunks
        { 100_003, 65_536, 2, 1 << 20 },// reads larger than chunks
        { (3 << 20) + 17, 1 << 20, 2, 300_000 },
        { (3 << 20) + 17, 1 << 20, 1, 1 << 20 }, // parallelism 1: sequential despite the threshold
    };

    [Theory]
    [MemberData(nameof(Layouts))]
    public async Task ParallelAndSequentialEqualTheSpanHash(int length, int chunkSize, int parallelism, int readBuffer)
    {
        byte[] data = RandomBytes.Create(length, length);
        string path = _directory.Write("data.bin", data);
        var options = new Crc64XzFileOptions { ParallelThreshold = 1, ChunkSize = chunkSize, MaxDegreeOfParallelism = parallelism, ReadBufferSize = readBuffer };
        var expected = new Crc64XzFileHash(Crc64Xz.Hash(data), length);

        Assert.Equal(expected, Crc64Xz.HashFile(path, options));
        Assert.Equal(expected, await Crc64Xz.HashFileAsync(path, options));
        Assert.Equal(expected, Crc64Xz.HashFile(path)); // defaults: sequential below 64 MiB
        Assert.Equal(expected, Crc64Xz.HashFile(path, new Crc64XzFileOptions { ReadBufferSize = readBuffer }));
    }

    [Fact]
    public void DefaultsAreDocumentedValues()
    {
        Crc64XzFileOptions defaults = Crc64XzFileOptions.Default;
        Assert.Equal(64L << 20, defaults.ParallelThreshold);
        Assert.Equal(16 << 20, defaults.ChunkSize);
        Assert.Equal(Environment.ProcessorCount, defaults.MaxDegreeOfParallelism);
        Assert.Equal(1 << 20, defaults.ReadBufferSize);
    }

    [Fact]
    public async Task MissingFileThrowsFileNotFound()
    {
        string missing = Path.Combine(_directory.Path, "missing.bin");
        var error = Assert.Throws<FileNotFoundException>(() => Crc64Xz.HashFile(missing));
        Assert.Contains("missing.bin", error.Message);
        await Assert.ThrowsAsync<FileNotFoundException>(() => Crc64Xz.HashFileAsync(missing));
        Assert.Throws<ArgumentNullException>(() => Crc64Xz.HashFile(null!));
    }

    [Fact]
    public async Task CancellationIsHonouredSequentialParallelAndAsync()
    {
        string path = _directory.Write("data.bin", RandomBytes.Create(200_000, 1));
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        var parallel = new Crc64XzFileOptions { ParallelThreshold = 1, ChunkSize = 4096, MaxDegreeOfParallelism = 2 };

        Assert.ThrowsAny<OperationCanceledException>(() => Crc64Xz.HashFile(path, null, cancelled.Token));
        Assert.ThrowsAny<OperationCanceledException>(() => Crc64Xz.HashFile(path, parallel, cancelled.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Crc64Xz.HashFileAsync(path, null, cancelled.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Crc64Xz.HashFileAsync(path, parallel, cancelled.Token));
    }

    [Fact]
    public void CancellationDuringAReadLoopStopsIt()
    {
        // Tiny reads (the pool rounds 1 up to 16 bytes) of 16 MiB take a million system calls, far longer than 50 ms;
        // a token that fires after 50 ms must stop the loop long before the end.
        string path = _directory.Write("data.bin", new byte[16 << 20]);
        using var soon = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));
        var slow = new Crc64XzFileOptions { ReadBufferSize = 1 };
        Assert.ThrowsAny<OperationCanceledException>(() => Crc64Xz.HashFile(path, slow, soon.Token));
    }

    public void Dispose() => _directory.Dispose();
}
