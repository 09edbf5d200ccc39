using System;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace CrcBuildTools.Benchmarks;

/// <summary>
/// <c>-- clmul</c>: measures what bounds the folding kernels on this CPU, namely the throughput and latency of one
/// carry-less multiply instruction, in core cycles (the clock is estimated from a chain of dependent 1-cycle
/// integer operations). Folding needs one 64x64 product per 8 input bytes, so
/// ceiling (bytes/cycle) = 8 * products per instruction / cycles per instruction.
/// </summary>
public static class CarrylessMultiplyProbe
{
    private const long Iterations = 2_000_000;
    private const int Rounds = 301;

    public static void Run()
    {
        if (!Pclmulqdq.IsSupported)
        {
            Console.WriteLine("This CPU has no PCLMULQDQ.");
            return;
        }

        double add = Best(() => DependentAdds(Iterations));
        double gigahertz = Iterations * 4 / add / 1e9;
        double xmm = Best(() => Xmm(Iterations, Vector128.Create(3UL, 5))) / (Iterations * 8) * gigahertz * 1e9;
        Console.WriteLine($"clock (from dependent adds) ~ {gigahertz:0.00} GHz");
        Console.WriteLine($"PCLMULQDQ xmm : {xmm:0.00} cycles each (one 64x64 product = 8 input bytes) -> folding ceiling {8 / xmm:0.0} B/cycle = {8 / xmm * gigahertz:0.0} GB/s");
        if (Pclmulqdq.V256.IsSupported)
        {
            double ymm = Best(() => Ymm(Iterations, Vector256.Create(3UL, 5, 7, 9))) / (Iterations * 8) * gigahertz * 1e9;
            double latency = Best(() => YmmChain(Iterations, Vector256.Create(3UL, 5, 7, 9))) / Iterations * gigahertz * 1e9;
            Console.WriteLine($"VPCLMULQDQ ymm: {ymm:0.00} cycles each (two products = 16 input bytes) -> folding ceiling {16 / ymm:0.0} B/cycle = {16 / ymm * gigahertz:0.0} GB/s; latency {latency:0.00} cycles");
        }
    }

    private static double Best(Func<ulong> action)
    {
        double best = double.MaxValue;
        for (int i = 0; i < Rounds; i++)
        {
            var watch = Stopwatch.StartNew();
            GC.KeepAlive(action());
            best = Math.Min(best, watch.Elapsed.TotalSeconds);
        }

        return best;
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static ulong DependentAdds(long n)
    {
        long x = 0;
        for (long i = 0; i < n; i++)
        {
            x += i;
            x ^= 3;
            x += 1;
            x ^= 5;
        }

        return (ulong)x;
    }

    // AggressiveOptimization: fully optimised from the first call, so no round measures tier-0 or OSR code. The
    // results are returned as ulong, not boxed: boxing made the JIT keep the vector on the stack inside the loop.
    // Eight independent chains: enough to cover the latency, so the loop runs at the instruction's throughput.
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static ulong Xmm(long n, Vector128<ulong> k)
    {
        Vector128<ulong> a = k, b = k + k, c = b + k, d = c + k, e = d + k, f = e + k, g = f + k, h = g + k;
        for (long i = 0; i < n; i++)
        {
            a = Pclmulqdq.CarrylessMultiply(a, k, 0x00);
            b = Pclmulqdq.CarrylessMultiply(b, k, 0x11);
            c = Pclmulqdq.CarrylessMultiply(c, k, 0x00);
            d = Pclmulqdq.CarrylessMultiply(d, k, 0x11);
            e = Pclmulqdq.CarrylessMultiply(e, k, 0x00);
            f = Pclmulqdq.CarrylessMultiply(f, k, 0x11);
            g = Pclmulqdq.CarrylessMultiply(g, k, 0x00);
            h = Pclmulqdq.CarrylessMultiply(h, k, 0x11);
        }

        return (a ^ b ^ c ^ d ^ e ^ f ^ g ^ h).GetElement(0);
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static ulong Ymm(long n, Vector256<ulong> k)
    {
        Vector256<ulong> a = k, b = k + k, c = b + k, d = c + k, e = d + k, f = e + k, g = f + k, h = g + k;
        for (long i = 0; i < n; i++)
        {
            a = Pclmulqdq.V256.CarrylessMultiply(a, k, 0x00);
            b = Pclmulqdq.V256.CarrylessMultiply(b, k, 0x11);
            c = Pclmulqdq.V256.CarrylessMultiply(c, k, 0x00);
            d = Pclmulqdq.V256.CarrylessMultiply(d, k, 0x11);
            e = Pclmulqdq.V256.CarrylessMultiply(e, k, 0x00);
            f = Pclmulqdq.V256.CarrylessMultiply(f, k, 0x11);
            g = Pclmulqdq.V256.CarrylessMultiply(g, k, 0x00);
            h = Pclmulqdq.V256.CarrylessMultiply(h, k, 0x11);
        }

        return (a ^ b ^ c ^ d ^ e ^ f ^ g ^ h).GetElement(0);
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static ulong YmmChain(long n, Vector256<ulong> k)
    {
        Vector256<ulong> a = k;
        for (long i = 0; i < n; i++)
        {
            a = Pclmulqdq.V256.CarrylessMultiply(a, k, 0x00);
        }

        return a.GetElement(0);
    }
}
