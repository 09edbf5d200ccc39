using System;
using BenchmarkDotNet.Attributes;
using CrcBuildTools.Benchmarks.PreviousKernels;
using CrcBuildTools.Hashing;

namespace CrcBuildTools.Benchmarks;

/// <summary>
/// One-thread throughput of every CRC-64/XZ path, the public API (dispatch included), the bytewise-table baseline
/// and a plain vector read, all over the same 64-byte aligned buffer in the same run, so the ratios are like for like.
/// Methods named after a <see cref="Crc64XzImplementation"/> are dropped when the CPU lacks that path.
/// </summary>
[Config(typeof(QuickConfig))]
public class ThroughputBenchmarks
{
    private AlignedBuffer _buffer = null!;

    [Params(64, 4 * 1024, 1024 * 1024, 256 * 1024 * 1024)]
    public int Size { get; set; }

    [GlobalSetup]
    public void Setup() => _buffer = new AlignedBuffer(Size);

    [GlobalCleanup]
    public void Cleanup() => _buffer.Dispose();

    [Benchmark(Baseline = true)]
    public ulong ReadBaseline() => Benchmarks.ReadBaseline.XorAll(_buffer.Span);

    [Benchmark]
    public ulong BytewiseTable() => BytewiseTableCrc64Xz.Hash(_buffer.Span);

    [Benchmark]
    public ulong Scalar() => Crc64XzKernel.Update(Crc64XzImplementation.Scalar, ulong.MaxValue, _buffer.Span);

    [Benchmark]
    public ulong Pclmulqdq128() => Crc64XzKernel.Update(Crc64XzImplementation.Pclmulqdq128, ulong.MaxValue, _buffer.Span);

    [Benchmark]
    public ulong Vpclmulqdq256() => Crc64XzKernel.Update(Crc64XzImplementation.Vpclmulqdq256, ulong.MaxValue, _buffer.Span);

    [Benchmark]
    public ulong Vpclmulqdq512() => Crc64XzKernel.Update(Crc64XzImplementation.Vpclmulqdq512, ulong.MaxValue, _buffer.Span);

    [Benchmark]
    public ulong ArmPmull() => Crc64XzKernel.Update(Crc64XzImplementation.ArmPmull, ulong.MaxValue, _buffer.Span);

    // The kernels as they were before 128/ARM and 256/512 became one kernel each (frozen copies): the unified ones
    // must be as fast, measured in this same run. Dropped, like the paths, where the CPU lacks them.

    [Benchmark]
    public ulong PreviousPclmulqdq128() => PreviousFolding128.Update(ulong.MaxValue, _buffer.Span);

    [Benchmark]
    public ulong PreviousVpclmulqdq256() => PreviousFolding256.Update(ulong.MaxValue, _buffer.Span);

    [Benchmark]
    public ulong PreviousVpclmulqdq512() => PreviousFolding512.Update(ulong.MaxValue, _buffer.Span);

    /// <summary>What callers get: <see cref="Crc64Xz.Hash(ReadOnlySpan{byte})"/> on the process-wide path.</summary>
    [Benchmark]
    public ulong PublicHash() => Crc64Xz.Hash(_buffer.Span);
}
