using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using CrcBuildTools.Emulator;
using CrcBuildTools.Hashing;
using CrcBuildTools.Manifests;
using CrcBuildTools.ObjectStorage;
using CrcBuildTools.ObjectStorage.Download;

namespace CrcBuildTools.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project tests/CrcBuildTools.Benchmarks -- download [sizeMiB] [smallFiles]</c>: downloads
/// a large file (default 1 GiB) and a release of small files (default 2,000) from an in-process loopback emulator,
/// with verification on and with hashing off, alternating in the same process, and prints wall time, throughput,
/// peak working-set growth and bytes read from the block device. "Hashing off" is injected HERE: the downloader's
/// hasher seam is given a lookup of precomputed CRCs, so the shipped code has no switch and still compares every CRC.
/// A Stopwatch harness like the upload's: one iteration moves a gigabyte through HTTP and the question is a ratio.
/// </summary>
internal static class DownloadThroughput
{
    private const int Rounds = 5;
    internal const long RangeSize = 8 * 1024 * 1024;

    public static void Run(string[] args) => RunAsync(args).GetAwaiter().GetResult();

    private static async Task RunAsync(string[] args)
    {
        long largeMiB = args.Length > 1 ? long.Parse(args[1], CultureInfo.InvariantCulture) : 1024;
        int smallCount = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 2000;
        string folder = Path.Combine(Path.GetTempPath(), "crc-download-bench-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        Directory.CreateDirectory(folder);
        await using var server = new StorageEmulatorServer(new EmulatorOptions
        {
            Provider = EmulatedProvider.Oss, Bucket = "bench-bucket", Region = "cn-hangzhou", AccessKeyId = "bench-id", Secret = "bench-secret",
        });
        await server.StartAsync();
        try
        {
            var large = Publish(server, "large/", new[] { ("large.bin", Bytes(largeMiB * 1024 * 1024, 1)) });
            var random = new Random(2);
            var small = Publish(server, "small/", Enumerable.Range(0, smallCount)
                .Select(i => ($"files/{i / 100:D2}/file{i:D4}.dat", Bytes(random.Next(1024, 64 * 1024), i + 10))).ToArray());

            Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}, CRC kernel {Crc64Xz.Implementation}");
            Console.WriteLine($"Options: range size 8 MiB, parallelism 4 (buffer bound 4 x 1 MiB); emulator in-process (it also serves the bytes)");
            Console.WriteLine();
            Console.WriteLine("| scenario | verification | median wall (s) | throughput (MiB/s) | peak working set growth (MiB) | read from disk (MiB) |");
            Console.WriteLine("| --- | --- | ---: | ---: | ---: | ---: |");
            await CompareAsync(server, $"{largeMiB} MiB file", "large/bench.crc64.json", large, folder);
            await CompareAsync(server, $"{smallCount} small files", "small/bench.crc64.json", small, folder);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Stages the files and their manifest; returns every range's (and small file's) CRC, for the "off" hasher.</summary>
    internal static Dictionary<(string, long, long), ulong> Publish(StorageEmulatorServer server, string prefix, (string Path, byte[] Bytes)[] files)
    {
        var crcs = new Dictionary<(string, long, long), ulong>();
        foreach ((string path, byte[] bytes) in files)
        {
            server.Store.Put(prefix + path, bytes);
            long size = bytes.Length > RangeSize ? RangeSize : bytes.Length;
            for (long offset = 0; offset < bytes.Length || offset == 0; offset += Math.Max(size, 1))
            {
                long length = Math.Min(size, bytes.Length - offset);
                crcs[(path, offset, length)] = Crc64Xz.Hash(bytes.AsSpan((int)offset, (int)length));
                if (bytes.Length == 0)
                {
                    break;
                }
            }
        }

        byte[] manifest = Crc64ManifestWriter.ToBytes(new Crc64Manifest(files.Select(f => new Crc64ManifestEntry(f.Path, f.Bytes.Length, Crc64Xz.Hash(f.Bytes)))));
        server.Store.Put(prefix + "bench.crc64.json", manifest);
        return crcs;
    }

    private static async Task CompareAsync(StorageEmulatorServer server, string name, string manifestKey, Dictionary<(string, long, long), ulong> crcs, string folder)
    {
        await DownloadAsync(server, manifestKey, crcs, folder, verify: true); // warm-up: JIT, connections, page cache
        var on = new List<Measurement>();
        var off = new List<Measurement>();
        for (int round = 0; round < Rounds; round++)
        {
            // Alternate the order so drift (page cache, neighbours on the machine) hits both sides alike.
            bool verifyFirst = round % 2 == 0;
            (verifyFirst ? on : off).Add(await DownloadAsync(server, manifestKey, crcs, folder, verifyFirst));
            (verifyFirst ? off : on).Add(await DownloadAsync(server, manifestKey, crcs, folder, !verifyFirst));
        }

        double medianOn = on.Select(r => r.Seconds).OrderBy(s => s).ElementAt(Rounds / 2);
        double medianOff = off.Select(r => r.Seconds).OrderBy(s => s).ElementAt(Rounds / 2);
        Print(name, "on", medianOn, on);
        Print(name, "hashing off", medianOff, off);
        Console.WriteLine($"| {name} | cost of verification | {(medianOn - medianOff) / medianOn * 100:+0.0;-0.0}% of wall time | | | |");
    }

    private static void Print(string name, string mode, double seconds, List<Measurement> runs) =>
        Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "| {0} | {1} | {2:0.000} | {3:0} | {4:0} | {5:0.0} |",
            name, mode, seconds, runs[0].Bytes / 1048576.0 / seconds, runs.Max(r => r.PeakGrowth) / 1048576.0, runs.Max(r => r.DiskRead) / 1048576.0));

    private static async Task<Measurement> DownloadAsync(
        StorageEmulatorServer server, string manifestKey, Dictionary<(string, long, long), ulong> crcs, string folder, bool verify)
    {
        string dest = Path.Combine(folder, "dest");
        if (Directory.Exists(dest))
        {
            Directory.Delete(dest, recursive: true);
        }

        GC.Collect();
        GC.WaitForPendingFinalizers();
        using var process = Process.GetCurrentProcess();
        long baseline = process.WorkingSet64;
        long diskBefore = DiskReadBytes();
        var source = ReleaseSource.Parse("oss://bench-bucket/" + manifestKey, new ReleaseSourceOptions
        {
            Endpoint = server.Url, Region = "cn-hangzhou", Credentials = new StorageCredentials("bench-id", "bench-secret"),
        });
        using var downloader = new ReleaseDownloader(source, new DownloadOptions { RangeSize = RangeSize, Parallelism = 4 });
        if (!verify)
        {
            downloader.Hasher = (path, offset, length) => new Precomputed(crcs[(path, offset, length)]);
        }

        long peak = baseline;
        using var sampler = new System.Threading.Timer(_ =>
        {
            process.Refresh();
            peak = Math.Max(peak, process.WorkingSet64);
        }, null, 0, 20);
        var clock = Stopwatch.StartNew();
        DownloadSummary summary = await downloader.DownloadAsync(dest);
        double seconds = clock.Elapsed.TotalSeconds;
        return new Measurement(seconds, peak - baseline, DiskReadBytes() - diskBefore, summary.BytesFetched);
    }

    /// <summary>Bytes this process made the block device read (<c>/proc/self/io</c> read_bytes; page-cache hits do not count).</summary>
    private static long DiskReadBytes()
    {
        const string Field = "read_bytes: ";
        string? line = File.Exists("/proc/self/io") ? File.ReadLines("/proc/self/io").FirstOrDefault(l => l.StartsWith(Field, StringComparison.Ordinal)) : null;
        return line is null ? 0 : long.Parse(line.Substring(Field.Length), CultureInfo.InvariantCulture);
    }

    internal static byte[] Bytes(long length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    private sealed record Measurement(double Seconds, long PeakGrowth, long DiskRead, long Bytes);

    /// <summary>The "hashing off" side: returns the CRC computed before the clock started, hashing nothing.</summary>
    internal sealed class Precomputed(ulong crc) : IRangeHasher
    {
        public ulong Crc => crc;

        public void Append(ReadOnlySpan<byte> bytes)
        {
        }
    }
}
