using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using CrcBuildTools.Emulator;
using CrcBuildTools.ObjectStorage;

namespace CrcBuildTools.Benchmarks;

/// <summary>
/// The audit quality bar under BenchmarkDotNet: auditing a 10,000-object release against 10,000 bare signed HEADs
/// through the same client at the same parallelism (the baseline), same run. Target: within 1.2x.
/// <c>dotnet run -c Release --project tests/CrcBuildTools.Benchmarks -- --filter '*AuditBenchmarks*'</c>
/// </summary>
[Config(typeof(ReceivingConfig))]
public class AuditBenchmarks
{
    private const int ObjectCount = 10_000;
    private StorageEmulatorServer? _server;
    private ReleaseSource? _source;
    private string[] _keys = System.Array.Empty<string>();

    [GlobalSetup]
    public async Task StageReleaseAsync()
    {
        _server = await AuditThroughput.StartServerAsync();
        (_source, _keys) = AuditThroughput.StageRelease(_server, ObjectCount);
    }

    [Benchmark(Baseline = true)]
    public Task<double> BareHeads() => AuditThroughput.BareHeadsAsync(_source!, _keys);

    [Benchmark]
    public Task<double> Audit() => AuditThroughput.AuditAsync(_source!);

    [GlobalCleanup]
    public async Task StopAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
