using System;
using System.Diagnostics;
using System.Globalization;
using CrcBuildTools.Benchmarks.PreviousKernels;
using CrcBuildTools.Hashing;

namespace CrcBuildTools.Benchmarks;

/// <summary>
/// <c>-- quick</c>: a Stopwatch best-of-N throughput table for every supported path, in seconds rather than minutes.
/// For tuning loops only; the published figures come from the BenchmarkDotNet classes. <c>QSIZES=1048576,268435456</c>
/// limits the sizes.
/// </summary>
public static class QuickThroughput
{
    // Many short rounds, keeping the best: on a shared machine some rounds always run undisturbed.
    private const int Rounds = 41;

    public static void Run()
    {
        int[] sizes = Environment.GetEnvironmentVariable("QSIZES") is { } q ? Array.ConvertAll(q.Split(","), int.Parse) : new[] { 64, 4 * 1024, 64 * 1024, 1024 * 1024, 256 * 1024 * 1024 };
        Crc64XzImplementation[] paths = Crc64XzKernel.Supported();
        var previous = PreviousKernels(paths);
        WarmUp(paths, previous);
        Console.WriteLine($"{"size",10} {"read",8} " + string.Join(" ", Array.ConvertAll(paths, p => $"{p,14}")) + " " +
            string.Join(" ", previous.ConvertAll(p => $"{"prev " + p.Name,14}")) + $"   (GB/s, best of {Rounds})");
        foreach (int size in sizes)
        {
            using var buffer = new AlignedBuffer(size);
            var columns = new System.Collections.Generic.List<Func<ulong>> { () => ReadBaseline.XorAll(buffer.Span) };
            foreach (Crc64XzImplementation path in paths)
            {
                columns.Add(() => Crc64XzKernel.Update(path, ulong.MaxValue, buffer.Span));
            }

            foreach ((string _, Func<ReadOnlySpan<byte>, ulong> kernel) in previous)
            {
                columns.Add(() => kernel(buffer.Span));
            }

            double[] speeds = MeasureInterleaved(size, columns);
            Console.WriteLine($"{size,10} {speeds[0],8:0.0} " + string.Join(" ", Array.ConvertAll(speeds[1..], v => $"{v,14:0.0}")));
        }
    }

    /// <summary>The frozen pre-unification kernels this CPU can run, so each unified one is compared in the same run.</summary>
    private static System.Collections.Generic.List<(string Name, Func<ReadOnlySpan<byte>, ulong> Kernel)> PreviousKernels(Crc64XzImplementation[] paths)
    {
        var previous = new System.Collections.Generic.List<(string, Func<ReadOnlySpan<byte>, ulong>)>();
        if (Array.IndexOf(paths, Crc64XzImplementation.Vpclmulqdq512) >= 0)
        {
            previous.Add(("512", data => PreviousFolding512.Update(ulong.MaxValue, data)));
        }

        if (Array.IndexOf(paths, Crc64XzImplementation.Vpclmulqdq256) >= 0)
        {
            previous.Add(("256", data => PreviousFolding256.Update(ulong.MaxValue, data)));
        }

        if (Array.IndexOf(paths, Crc64XzImplementation.Pclmulqdq128) >= 0)
        {
            previous.Add(("128", data => PreviousFolding128.Update(ulong.MaxValue, data)));
        }

        return previous;
    }

    // Enough calls on every size class for tiered compilation to promote the kernels, then time for the background
    // compiler to finish, so the table never shows tier-0 code.
    private static void WarmUp(Crc64XzImplementation[] paths, System.Collections.Generic.List<(string Name, Func<ReadOnlySpan<byte>, ulong> Kernel)> previous)
    {
        using var buffer = new AlignedBuffer(1 << 20);
        for (int round = 0; round < 3; round++)
        {
            for (int i = 0; i < 200; i++)
            {
                foreach (int size in new[] { 64, 300, 4096, 1 << 20 })
                {
                    ReadBaseline.XorAll(buffer.Span.Slice(0, size));
                    foreach (Crc64XzImplementation path in paths)
                    {
                        Crc64XzKernel.Update(path, ulong.MaxValue, buffer.Span.Slice(0, size));
                    }

                    foreach ((string _, Func<ReadOnlySpan<byte>, ulong> kernel) in previous)
                    {
                        kernel(buffer.Span.Slice(0, size));
                    }
                }
            }

            System.Threading.Thread.Sleep(500);
        }
    }

    /// <summary>
    /// Best-of-<see cref="Rounds"/> GB/s of each column, the rounds taken in turn (column 1, 2, ..., then 1 again), so
    /// on a machine shared with other work every column sees the same mix of quiet and busy moments and the ratios
    /// between columns stay fair.
    /// </summary>
    private static double[] MeasureInterleaved(int size, System.Collections.Generic.List<Func<ulong>> columns)
    {
        long repetitions = size >= 256 * 1024 * 1024 ? 1 : Math.Max(1, 8L * 1024 * 1024 / size);
        ulong sink = 0;
        var best = new double[columns.Count];
        Array.Fill(best, double.MaxValue);
        for (int round = 0; round < Rounds; round++)
        {
            for (int column = 0; column < columns.Count; column++)
            {
                Func<ulong> action = columns[column];
                var watch = Stopwatch.StartNew();
                for (long i = 0; i < repetitions; i++)
                {
                    sink ^= action();
                }

                best[column] = Math.Min(best[column], watch.Elapsed.TotalSeconds / repetitions);
            }
        }

        GC.KeepAlive(sink);
        return Array.ConvertAll(best, seconds => size / seconds / 1e9);
    }
}
