using System;
using System.Linq;
using CrcBuildTools.Hashing.Tests.Support;
using Xunit;

namespace CrcBuildTools.Hashing.Tests;

/// <summary>
/// Every path must be byte-identical to the simplest one on every length and alignment: the vector kernels have
/// separate code for short inputs, block loops, lane collapsing and tails, and each boundary is a chance for a bug.
/// </summary>
public sealed class CrossPathTests
{
    private const int MaxSweepLength = 4096;
    private const int Alignments = 64;

    [Fact]
    public void TablesMatchTheBitwiseDefinition()
    {
        for (int b = 0; b < 256; b++)
        {
            Assert.Equal(BitwiseCrc.UpdateRegister(0, new[] { (byte)b }), Crc64XzTables.Table[b]);
        }

        // Slice k: byte b followed by k zero bytes.
        for (int k = 1; k < Crc64XzTables.Slices; k++)
        {
            for (int b = 0; b < 256; b += 17)
            {
                var bytes = new byte[k + 1];
                bytes[0] = (byte)b;
                Assert.Equal(BitwiseCrc.UpdateRegister(0, bytes), Crc64XzTables.Table[(k * 256) + b]);
            }
        }
    }

    [Fact]
    public void BytewiseReferenceMatchesBitwiseDefinitionOnShortInputs()
    {
        for (int length = 0; length <= 300; length++)
        {
            ReadOnlySpan<byte> data = RandomBytes.AlignedSlice(length % Alignments, length);
            Assert.Equal(BitwiseCrc.Hash(data), ~Bytewise(ulong.MaxValue, data));
        }
    }

    /// <summary>
    /// Lengths 0..4096 at start alignments 0..63, each against a byte-at-a-time reference computed incrementally
    /// (so the reference costs one pass per alignment, not one per length). A different start register per
    /// alignment also checks how each path injects the incoming register.
    /// </summary>
    [Theory]
    [PathData(Crc64XzImplementation.Scalar)]
    [PathData(Crc64XzImplementation.Pclmulqdq128)]
    [PathData(Crc64XzImplementation.Vpclmulqdq256)]
    [PathData(Crc64XzImplementation.Vpclmulqdq512)]
    [PathData(Crc64XzImplementation.ArmPmull)]
    public void EveryLengthAtEveryAlignmentMatchesBytewise(Crc64XzImplementation implementation) =>
        AssertEveryLengthAtEveryAlignmentMatchesBytewise(implementation.ToString(), (start, data) => Crc64XzKernel.Update(implementation, start, data), MaxSweepLength);

    /// <summary>
    /// The sweep behind <see cref="EveryLengthAtEveryAlignmentMatchesBytewise"/>, for any kernel (the 512-bit model
    /// tests use it too): lengths 0..<paramref name="maxLength"/> at start alignments 0..63.
    /// </summary>
    internal static void AssertEveryLengthAtEveryAlignmentMatchesBytewise(string name, Kernel kernel, int maxLength) =>
        AssertLengthsAtAlignmentsMatchBytewise(name, kernel, Enumerable.Range(0, maxLength + 1).ToArray(), 0, Alignments);

    /// <summary>
    /// A subset of the sweep's lengths that still hits every length class of every kernel: everything up to 300
    /// (scalar only, the 16-byte loop, one and two 128-byte blocks), each side of every block boundary up to 4 KiB
    /// (the 128/256/512-byte main loops and their hand-over points), tails of every residue after many blocks, and
    /// two long inputs. Used where the full sweep is too slow: under emulation (the ARM64 leg).
    /// </summary>
    internal static readonly int[] LengthClasses = Enumerable.Range(0, 301)
        .Concat(new[] { 383, 384, 385, 511, 512, 513, 767, 768, 769, 1023, 1024, 1025, 2047, 2048, 2049, 4095, 4096, 4097 })
        .Concat(Enumerable.Range(0, 33).Select(r => 8192 + r))
        .Concat(new[] { 65_536 + 7, 100_003 })
        .ToArray();

    /// <summary>
    /// Each of <paramref name="lengths"/> (ascending) at start alignments <paramref name="firstAlignment"/> onwards,
    /// against a byte-at-a-time reference computed incrementally (one pass per alignment, not one per length). A
    /// different start register per alignment also checks how each path injects the incoming register.
    /// </summary>
    internal static void AssertLengthsAtAlignmentsMatchBytewise(string name, Kernel kernel, int[] lengths, int firstAlignment, int alignmentCount)
    {
        int maxLength = lengths[lengths.Length - 1];
        var random = new Random(4242);
        for (int alignment = 0; alignment < firstAlignment + alignmentCount; alignment++)
        {
            // Drawn for every alignment, checked or not, so an alignment always gets the same start register.
            ulong start = alignment == 0 ? ulong.MaxValue : (ulong)random.NextInt64() ^ ((ulong)random.Next() << 63);
            if (alignment < firstAlignment)
            {
                continue;
            }

            ReadOnlySpan<byte> data = RandomBytes.AlignedSlice(alignment, maxLength);
            ulong expected = start;
            int done = 0;
            foreach (int length in lengths)
            {
                expected = Bytewise(expected, data.Slice(done, length - done));
                done = length;
                ulong actual = kernel(start, data.Slice(0, length));
                if (actual != expected)
                {
                    Assert.Fail($"{name} differs from the bytewise reference at length {length}, alignment {alignment}: 0x{actual:x16} != 0x{expected:x16}.");
                }
            }
        }
    }

    /// <summary>Long inputs at random offsets: the steady-state loops, and lengths with every residue of the block sizes.</summary>
    [Theory]
    [PathData(Crc64XzImplementation.Pclmulqdq128)]
    [PathData(Crc64XzImplementation.Vpclmulqdq256)]
    [PathData(Crc64XzImplementation.Vpclmulqdq512)]
    [PathData(Crc64XzImplementation.ArmPmull)]
    public void RandomLongInputsMatchScalar(Crc64XzImplementation implementation) =>
        AssertRandomLongInputsMatchScalar(implementation.ToString(), (start, data) => Crc64XzKernel.Update(implementation, start, data), RandomBytes.MaxSliceLength);

    /// <summary>Four inputs of about <paramref name="longest"/> bytes, then twenty of random lengths up to 6 MiB.</summary>
    internal static void AssertRandomLongInputsMatchScalar(string name, Kernel kernel, int longest)
    {
        var random = new Random(77);
        for (int i = 0; i < 24; i++)
        {
            int length = i < 4 ? longest - i : random.Next(4097, Math.Min(longest, 6 * 1024 * 1024));
            ReadOnlySpan<byte> data = RandomBytes.AlignedSlice(random.Next(0, Alignments), length);
            ulong start = (ulong)random.NextInt64();
            ulong expected = Crc64XzKernel.Update(Crc64XzImplementation.Scalar, start, data);
            ulong actual = kernel(start, data);
            Assert.True(expected == actual, $"{name} differs from Scalar at length {length}: 0x{actual:x16} != 0x{expected:x16}.");
        }
    }

    /// <summary>Inputs that are all zeros or all ones stress the carry-less products differently from random data.</summary>
    [Theory]
    [PathData(Crc64XzImplementation.Pclmulqdq128)]
    [PathData(Crc64XzImplementation.Vpclmulqdq256)]
    [PathData(Crc64XzImplementation.Vpclmulqdq512)]
    [PathData(Crc64XzImplementation.ArmPmull)]
    public void ConstantInputsMatchScalar(Crc64XzImplementation implementation) =>
        AssertConstantInputsMatchScalar(implementation.ToString(), (start, data) => Crc64XzKernel.Update(implementation, start, data));

    internal static void AssertConstantInputsMatchScalar(string name, Kernel kernel)
    {
        foreach (byte fill in new byte[] { 0x00, 0xFF, 0x80, 0x01 })
        {
            byte[] data = new byte[100_003];
            Array.Fill(data, fill);
            foreach (ulong start in new[] { 0UL, ulong.MaxValue, 1UL << 63, 1UL })
            {
                ulong expected = Crc64XzKernel.Update(Crc64XzImplementation.Scalar, start, data);
                ulong actual = kernel(start, data);
                Assert.True(expected == actual, $"{name} differs from Scalar on 0x{fill:x2} bytes from register 0x{start:x16}.");
            }
        }
    }

    /// <summary>A kernel under test: the register after <paramref name="data"/>, starting from <paramref name="register"/>.</summary>
    internal delegate ulong Kernel(ulong register, ReadOnlySpan<byte> data);

    private static ulong Bytewise(ulong register, ReadOnlySpan<byte> data)
    {
        // One byte at a time through the plain 256-entry table: the simplest table algorithm there is.
        foreach (byte b in data)
        {
            register = Crc64XzTables.Table[(int)((register ^ b) & 0xFF)] ^ (register >> 8);
        }

        return register;
    }
}
