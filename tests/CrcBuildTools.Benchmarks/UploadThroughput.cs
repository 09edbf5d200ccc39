using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using CrcBuildTools.Hashing;
using CrcBuildTools.ObjectStorage;
using CrcBuildTools.Emulator;

namespace CrcBuildTools.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project tests/CrcBuildTools.Benchmarks -- upload [sizeMiB] [smallFiles]</c>: uploads a
/// large file (default 1 GiB) and a folder of small files (default 2,000) to an in-process loopback emulator, with
/// hashing on and off (the uploader's hasher seam given a lookup of precomputed CRCs, so the shipped code has no switch
/// and still compares every CRC) in alternating runs of the same process, and prints
/// wall time, throughput, peak working set growth and the verification overhead. A Stopwatch harness rather than
/// BenchmarkDotNet: one iteration moves a gigabyte through HTTP, and the question is a ratio measured side by side.
/// </summary>
internal static class UploadThroughput
{
    private const int Rounds = 5;

    public static void Run(string[] args) => RunAsync(args).GetAwaiter().GetResult();

    private static async Task RunAsync(string[] args)
    {
        long largeMiB = args.Length > 1 ? long.Parse(args[1], CultureInfo.InvariantCulture) : 1024;
        int smallCount = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 2000;
        string folder = Path.Combine(Path.GetTempPath(), "crc-upload-bench-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        Directory.CreateDirectory(folder);
        try
        {
            List<UploadItem> large = new() { WriteFile(folder, "large.bin", largeMiB * 1024 * 1024, 1) };
            var random = new Random(2);
            List<UploadItem> small = Enumerable.Range(0, smallCount)
                .Select(i => WriteFile(folder, $"small/{i / 100:D2}/file{i:D4}.dat", random.Next(1024, 64 * 1024), i + 10)).ToList();
            UploadItem manifest = WriteFile(folder, "bench.crc64.json", 1000, 3);

            await using var server = new StorageEmulatorServer(new EmulatorOptions
            {
                Provider = EmulatedProvider.Oss, Bucket = "bench-bucket", Region = "cn-hangzhou",
                AccessKeyId = "bench-id", Secret = "bench-secret", KeepObjectBytes = false,
            });
            await server.StartAsync();

            Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}, CRC kernel {Crc64Xz.Implementation}");
            Console.WriteLine($"Options: part size 8 MiB, threshold 8 MiB, parallelism 4 (buffer bound 32 MiB); emulator in-process (it also hashes what it receives)");
            Console.WriteLine($"In-memory CRC-64 of a 64 MiB buffer: {MeasureCrcGigabytesPerSecond():0.0} GB/s (what verification adds per byte)");
            Console.WriteLine();
            Console.WriteLine("| scenario | verification | median wall (s) | throughput (MiB/s) | peak working set growth (MiB) |");
            Console.WriteLine("| --- | --- | ---: | ---: | ---: |");
            await CompareAsync(server, $"{largeMiB} MiB file", large, manifest);
            await CompareAsync(server, $"{smallCount} small files", small, manifest);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task CompareAsync(StorageEmulatorServer server, string name, List<UploadItem> files, UploadItem manifest)
    {
        long bytes = files.Sum(f => f.Length ?? 0);

        // Computed once, before any round: every object and part the uploader will hash, by file and offset. Doing it
        // before each "off" round would re-read the files right before the clock starts (a warmer cache for that
        // side only) and count the read buffers in its peak memory.
        Dictionary<(string Path, long Offset), ulong> crcs = PrecomputedCrcs(files.Append(manifest));
        await UploadAsync(server, files, manifest, null); // warm-up: JIT, connections, page cache
        var on = new List<(double Seconds, long Peak)>();
        var off = new List<(double Seconds, long Peak)>();
        for (int round = 0; round < Rounds; round++)
        {
            // Alternate the order so drift (thermal, page cache, neighbours on the machine) hits both sides alike.
            bool verifyFirst = round % 2 == 0;
            (verifyFirst ? on : off).Add(await UploadAsync(server, files, manifest, verifyFirst ? null : crcs));
            (verifyFirst ? off : on).Add(await UploadAsync(server, files, manifest, verifyFirst ? crcs : null));
        }

        double medianOn = on.Select(r => r.Seconds).OrderBy(s => s).ElementAt(Rounds / 2);
        double medianOff = off.Select(r => r.Seconds).OrderBy(s => s).ElementAt(Rounds / 2);
        Print(name, "on", medianOn, bytes, on.Max(r => r.Peak));
        Print(name, "off", medianOff, bytes, off.Max(r => r.Peak));
        Console.WriteLine($"| {name} | cost of verification | {(medianOn - medianOff) / medianOn * 100:+0.0;-0.0}% of wall time | | |");
    }

    private static double MeasureCrcGigabytesPerSecond()
    {
        var buffer = new byte[64 * 1024 * 1024];
        new Random(4).NextBytes(buffer);
        Crc64Xz.Hash(buffer);
        var clock = Stopwatch.StartNew();
        const int Repeats = 16;
        for (int i = 0; i < Repeats; i++)
        {
            Crc64Xz.Hash(buffer);
        }

        return (double)buffer.Length * Repeats / clock.Elapsed.TotalSeconds / 1e9;
    }

    private static void Print(string name, string mode, double seconds, long bytes, long peakGrowth) =>
        Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "| {0} | {1} | {2:0.000} | {3:0} | {4:0} |",
            name, mode, seconds, bytes / 1048576.0 / seconds, peakGrowth / 1048576.0));

    private static async Task<(double Seconds, long PeakGrowth)> UploadAsync(
        StorageEmulatorServer server, List<UploadItem> files, UploadItem manifest, Dictionary<(string Path, long Offset), ulong>? precomputed)
    {
        server.Store.Clear();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        using var process = Process.GetCurrentProcess();
        long baseline = process.WorkingSet64;
        var options = new ObjectStorageOptions
        {
            Provider = StorageProvider.Oss, Bucket = "bench-bucket", Region = "cn-hangzhou", Endpoint = server.Url, Prefix = "bench/",
            SkipUnchanged = false,
        };
        using var client = new ObjectStorageClient(options, new StorageCredentials("bench-id", "bench-secret"));
        var uploader = new ReleaseUploader(client);
        if (precomputed is not null)
        {
            // Hashing off: the uploader still compares every CRC, but looks it up instead of computing it.
            uploader.Hasher = (path, offset, _) => precomputed[(path, offset)];
        }

        long peak = baseline;
        using var sampler = new System.Threading.Timer(_ =>
        {
            process.Refresh();
            peak = Math.Max(peak, process.WorkingSet64);
        }, null, 0, 20);
        var clock = Stopwatch.StartNew();
        await uploader.UploadAsync(files, manifest);
        double seconds = clock.Elapsed.TotalSeconds;
        if (server.Store.Objects.Count != files.Count + 1)
        {
            throw new InvalidOperationException("The emulator did not receive every object.");
        }

        return (seconds, peak - baseline);
    }

    private static Dictionary<(string Path, long Offset), ulong> PrecomputedCrcs(IEnumerable<UploadItem> items)
    {
        var options = new ObjectStorageOptions();
        var crcs = new Dictionary<(string, long), ulong>();
        foreach (UploadItem item in items)
        {
            byte[] bytes = File.ReadAllBytes(item.LocalPath);
            long step = bytes.LongLength > options.MultipartThreshold ? options.PartSize : Math.Max(1, bytes.LongLength);
            for (long offset = 0; offset == 0 || offset < bytes.LongLength; offset += step)
            {
                int size = (int)Math.Min(step, bytes.LongLength - offset);
                crcs[(item.LocalPath, offset)] = Crc64Xz.Hash(bytes.AsSpan((int)offset, size));
            }
        }

        return crcs;
    }

    private static UploadItem WriteFile(string folder, string relative, long length, int seed)
    {
        string path = Path.Combine(folder, relative.Replace('/', Path.DirectorySeparatorChar));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var random = new Random(seed);
        var crc = new Crc64Xz();
        var chunk = new byte[Math.Min(length, 4 * 1024 * 1024)];
        using (var stream = new FileStream(path, FileMode.Create, FileAccess.Write))
        {
            for (long written = 0; written < length; written += chunk.Length)
            {
                random.NextBytes(chunk);
                int count = (int)Math.Min(chunk.Length, length - written);
                stream.Write(chunk, 0, count);
                crc.Append(chunk.AsSpan(0, count));
            }
        }

        return new UploadItem(path, relative, length, crc.GetCurrentHashAsUInt64());
    }
}
