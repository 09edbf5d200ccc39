using System;
using System.IO;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using CrcBuildTools.Hashing;

namespace CrcBuildTools.Benchmarks;

/// <summary>
/// Hashing a 256 MiB file that sits in the page cache, against merely reading it with the same buffer size. The
/// file is written and read once in setup, so the numbers measure copy-from-cache plus CRC, not the disk.
/// </summary>
[Config(typeof(QuickConfig))]
public class FileHashingBenchmarks
{
    private const int ReadSize = 1024 * 1024;
    private string _path = null!;

    [Params(256 * 1024 * 1024)]
    public int Size { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _path = Path.Combine(Path.GetTempPath(), $"crc64xz-bench-{Environment.ProcessId}.bin");
        using (var buffer = new AlignedBuffer(Size))
        using (var file = File.Create(_path))
        {
            file.Write(buffer.Span);
        }

        ReadBaseline(); // warm the page cache
    }

    [GlobalCleanup]
    public void Cleanup() => File.Delete(_path);

    /// <summary>Sequential 1 MiB reads into one buffer and nothing else: the floor for any sequential hasher.</summary>
    [Benchmark(Baseline = true)]
    public long ReadBaseline()
    {
        using var file = new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        byte[] buffer = new byte[ReadSize];
        long total = 0;
        int read;
        while ((read = file.Read(buffer, 0, buffer.Length)) > 0)
        {
            total += read;
        }

        return total;
    }

    /// <summary>Reads on every core (16 MiB chunks, like the hasher's parallel mode) without hashing.</summary>
    [Benchmark]
    public long ParallelReadBaseline()
    {
        const int chunk = 16 * 1024 * 1024;
        long total = 0;
        Parallel.For(0, (Size + chunk - 1) / chunk, i =>
        {
            using var file = new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1);
            byte[] buffer = new byte[ReadSize];
            file.Position = (long)i * chunk;
            long remaining = Math.Min(chunk, Size - file.Position);
            while (remaining > 0)
            {
                int read = file.Read(buffer, 0, (int)Math.Min(buffer.Length, remaining));
                remaining -= read;
                System.Threading.Interlocked.Add(ref total, read);
            }
        });
        return total;
    }

    [Benchmark]
    public ulong HashFileSequential() => Crc64Xz.HashFile(_path, new Crc64XzFileOptions { MaxDegreeOfParallelism = 1 }).Crc;

    /// <summary>The defaults: a 256 MiB file is above the 64 MiB threshold, so it is hashed in parallel chunks.</summary>
    [Benchmark]
    public ulong HashFileDefault() => Crc64Xz.HashFile(_path).Crc;
}
