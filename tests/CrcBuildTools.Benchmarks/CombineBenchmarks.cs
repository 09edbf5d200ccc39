using BenchmarkDotNet.Attributes;
using CrcBuildTools.Hashing;

namespace CrcBuildTools.Benchmarks;

/// <summary>Cost of joining two CRCs without the data; the design bar is under 1 microsecond up to 5 GiB.</summary>
[Config(typeof(QuickConfig))]
public class CombineBenchmarks
{
    private ulong _crcA = 0x995DC9BBDF1939FA;
    private ulong _crcB = 0x27DB187FC15BBC72;

    [Params(2L * 1024, 8L * 1024 * 1024, 5L * 1024 * 1024 * 1024)]
    public long LengthB { get; set; }

    [Benchmark]
    public ulong Combine() => Crc64Xz.Combine(_crcA, _crcB, LengthB);
}
