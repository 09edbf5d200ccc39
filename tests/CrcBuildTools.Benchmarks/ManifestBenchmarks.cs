using System;
using System.Buffers;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using CrcBuildTools.Hashing;
using CrcBuildTools.Manifests;

namespace CrcBuildTools.Benchmarks;

/// <summary>
/// The manifest quality bar: a synthetic publish folder of ~2,000 files and 1 GiB (a few large native libraries,
/// many small assemblies), warm page cache. "Manifest" hashes every file and renders the manifest; "ReadBaseline"
/// only reads the same files with the same parallelism and buffer size. Target: Manifest within 1.25x of the read.
/// <c>dotnet run -c Release --project tests/CrcBuildTools.Benchmarks -- --filter '*ManifestBenchmarks*'</c>
/// </summary>
[Config(typeof(QuickConfig))]
public class ManifestBenchmarks
{
    private const long TotalBytes = 1L << 30;
    private const int FileCount = 2000;
    private string _folder = string.Empty;
    private string[] _files = Array.Empty<string>();

    [GlobalSetup]
    public void CreateFolder()
    {
        _folder = Path.Combine(Path.GetTempPath(), "crc64-manifest-benchmark");
        var random = new Random(2024);
        // Four 128 MiB files (runtime packs, bundles), the remaining 512 MiB spread over 1,996 files of varied size.
        var sizes = new List<long> { 128L << 20, 128L << 20, 128L << 20, 128L << 20 };
        long remaining = TotalBytes - sizes.Sum();
        double[] weights = Enumerable.Range(0, FileCount - sizes.Count).Select(_ => Math.Pow(random.NextDouble(), 3) + 0.01).ToArray();
        double weightSum = weights.Sum();
        sizes.AddRange(weights.Select(w => (long)(remaining * w / weightSum)));
        _files = sizes.Select((size, i) => Path.Combine(_folder, $"dir{i % 16:D2}", $"file{i:D4}.bin")).ToArray();

        bool reuse = Directory.Exists(_folder) && _files.Zip(sizes).All(p => File.Exists(p.First) && new FileInfo(p.First).Length == p.Second);
        if (!reuse)
        {
            if (Directory.Exists(_folder))
            {
                Directory.Delete(_folder, recursive: true);
            }

            var block = new byte[1 << 20];
            random.NextBytes(block);
            for (int i = 0; i < _files.Length; i++)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(_files[i])!);
                using var stream = File.Create(_files[i]);
                for (long written = 0; written < sizes[i]; written += block.Length)
                {
                    stream.Write(block, 0, (int)Math.Min(block.Length, sizes[i] - written));
                }
            }
        }

        ReadBaseline(); // warm the page cache
    }

    [Benchmark(Baseline = true)]
    public long ReadBaseline()
    {
        // Large files: chunks in parallel, as the hasher does; small files: one per worker.
        long total = 0;
        Parallel.ForEach(_files, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, file =>
        {
            byte[] buffer = ArrayPool<byte>.Shared.Rent(1 << 20);
            try
            {
                using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
                long sum = 0;
                int read;
                while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
                {
                    sum += read;
                }

                System.Threading.Interlocked.Add(ref total, sum);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        });
        return total;
    }

    [Benchmark]
    public int Manifest()
    {
        Crc64FileHashResult[] results = Crc64ParallelFileHasher.HashFiles(_files);
        var entries = new Crc64ManifestEntry[results.Length];
        for (int i = 0; i < results.Length; i++)
        {
            Crc64XzFileHash hash = results[i].Hash ?? throw new InvalidOperationException(results[i].Error!.Message);
            entries[i] = new Crc64ManifestEntry(ManifestPath.FromFileSystem(_folder, _files[i])!, hash.Length, hash.Crc);
        }

        return Crc64ManifestWriter.ToBytes(new Crc64Manifest(entries)).Length;
    }
}
