using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using CrcBuildTools.Emulator;
using CrcBuildTools.ObjectStorage;

namespace CrcBuildTools.Benchmarks;

/// <summary>
/// The download quality bar under BenchmarkDotNet: a 1 GiB file and a 2,000-file release from an in-process loopback
/// emulator, verified against hashing off (the baseline), same run. Target: verification under 5% of wall time.
/// <c>dotnet run -c Release --project tests/CrcBuildTools.Benchmarks -- --filter '*DownloadBenchmarks*'</c>.
/// Peak memory and bytes read back from disk are not BenchmarkDotNet figures: <c>-- download</c> samples them.
/// </summary>
[Config(typeof(ReceivingConfig))]
public class DownloadBenchmarks
{
    private StorageEmulatorServer? _server;
    private readonly Dictionary<string, Dictionary<(string, long, long), ulong>> _crcs = new();
    private string _folder = string.Empty;

    /// <summary>Which staged release one benchmark downloads.</summary>
    [Params("large", "small")]
    public string Release { get; set; } = "large";

    [GlobalSetup]
    public async Task StageReleasesAsync()
    {
        _server = await AuditThroughput.StartServerAsync();
        _folder = Path.Combine(Path.GetTempPath(), "crc-download-benchmark-" + Environment.ProcessId);
        Directory.CreateDirectory(_folder);
        _crcs["large"] = DownloadThroughput.Publish(_server, "large/", new[] { ("large.bin", DownloadThroughput.Bytes(1L << 30, 1)) });
        var random = new Random(2);
        _crcs["small"] = DownloadThroughput.Publish(_server, "small/", Enumerable.Range(0, 2000)
            .Select(i => ($"files/{i / 100:D2}/file{i:D4}.dat", DownloadThroughput.Bytes(random.Next(1024, 64 * 1024), i + 10))).ToArray());
    }

    [IterationSetup]
    public void EmptyDestination()
    {
        string dest = Path.Combine(_folder, "dest");
        if (Directory.Exists(dest))
        {
            Directory.Delete(dest, recursive: true);
        }
    }

    [Benchmark(Baseline = true)]
    public Task<DownloadSummary> HashingOff() => DownloadAsync(verify: false);

    [Benchmark]
    public Task<DownloadSummary> Verified() => DownloadAsync(verify: true);

    [GlobalCleanup]
    public async Task StopAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        Directory.Delete(_folder, recursive: true);
    }

    private async Task<DownloadSummary> DownloadAsync(bool verify)
    {
        var source = ReleaseSource.Parse($"oss://bench-bucket/{Release}/bench.crc64.json", new ReleaseSourceOptions
        {
            Endpoint = _server!.Url, Region = "cn-hangzhou", Credentials = new StorageCredentials("bench-id", "bench-secret"),
        });
        using var downloader = new ReleaseDownloader(source, new DownloadOptions { RangeSize = DownloadThroughput.RangeSize, Parallelism = 4 });
        if (!verify)
        {
            Dictionary<(string, long, long), ulong> crcs = _crcs[Release];
            downloader.Hasher = (path, offset, length) => new DownloadThroughput.Precomputed(crcs[(path, offset, length)]);
        }

        return await downloader.DownloadAsync(Path.Combine(_folder, "dest"));
    }
}
