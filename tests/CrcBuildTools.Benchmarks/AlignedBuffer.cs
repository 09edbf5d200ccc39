using System;
using System.Runtime.InteropServices;

namespace CrcBuildTools.Benchmarks;

/// <summary>Native memory aligned to a cache line and filled with pseudo-random bytes, so no path gets a lucky alignment.</summary>
public sealed unsafe class AlignedBuffer : IDisposable
{
    private void* _memory;

    public AlignedBuffer(int length)
    {
        Length = length;
        _memory = NativeMemory.AlignedAlloc((nuint)Math.Max(length, 1), 64);
        new Random(length).NextBytes(Span);
    }

    public int Length { get; }

    public Span<byte> Span => new(_memory, Length);

    public void Dispose()
    {
        NativeMemory.AlignedFree(_memory);
        _memory = null;
    }
}
