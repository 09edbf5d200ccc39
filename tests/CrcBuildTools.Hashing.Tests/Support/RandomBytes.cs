using System;
using System.Runtime.InteropServices;

namespace CrcBuildTools.Hashing.Tests.Support;

/// <summary>
/// Deterministic pseudo-random data. One pinned 16 MiB buffer is shared by all tests (filled once) so the big
/// cross-path sweeps do not allocate; <see cref="AlignedSlice"/> hands out slices at an exact 64-byte alignment.
/// </summary>
internal static class RandomBytes
{
    public const int SharedLength = 16 * 1024 * 1024;

    private static readonly Lazy<(byte[] Buffer, int AlignedStart)> Shared = new(CreateShared);

    public static byte[] Create(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    /// <summary>A read-only view of the shared buffer starting <paramref name="alignment"/> bytes past a 64-byte boundary.</summary>
    public static ReadOnlySpan<byte> AlignedSlice(int alignment, int length)
    {
        (byte[] buffer, int alignedStart) = Shared.Value;
        return buffer.AsSpan(alignedStart + alignment, length);
    }

    /// <summary>The largest length <see cref="AlignedSlice"/> can serve at alignment 63.</summary>
    public static int MaxSliceLength => SharedLength - 128;

    private static unsafe (byte[] Buffer, int AlignedStart) CreateShared()
    {
        byte[] buffer = GC.AllocateUninitializedArray<byte>(SharedLength, pinned: true);
        new Random(20240611).NextBytes(buffer);
        fixed (byte* start = buffer)
        {
            int misalignment = (int)((nuint)start % 64);
            return (buffer, misalignment == 0 ? 0 : 64 - misalignment);
        }
    }
}
