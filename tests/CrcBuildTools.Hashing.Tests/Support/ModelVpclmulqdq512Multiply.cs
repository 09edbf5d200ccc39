using System.Runtime.Intrinsics;

namespace CrcBuildTools.Hashing.Tests.Support;

/// <summary>
/// The 512-bit width of the wide kernel with its carry-less multiply replaced by four 128-bit PCLMULQDQs, one per lane.
/// Everything else (loads, constants, xor, lane order) is the real <see cref="Vpclmulqdq512Multiply"/>, so running
/// <see cref="Crc64XzFoldingWide"/> over it runs the shipped 512-bit folding logic on any x86 machine with PCLMULQDQ.
/// It tests the algorithm, not the instruction.
/// </summary>
internal readonly struct ModelVpclmulqdq512Multiply : IWideCarrylessMultiply<Vector512<ulong>>
{
    public static bool IsSupported => PclmulqdqMultiply.IsSupported;

    public static int Lanes => Vpclmulqdq512Multiply.Lanes;

    public static Vector512<ulong> Load(ref byte source) => Vpclmulqdq512Multiply.Load(ref source);

    public static Vector512<ulong> Broadcast((ulong Low, ulong High) pair) => Vpclmulqdq512Multiply.Broadcast(pair);

    public static Vector512<ulong> CreateScalar(ulong value) => Vpclmulqdq512Multiply.CreateScalar(value);

    public static Vector512<ulong> Xor(Vector512<ulong> a, Vector512<ulong> b) => Vpclmulqdq512Multiply.Xor(a, b);

    public static Vector128<ulong> Lane(Vector512<ulong> vector, int index) => Vpclmulqdq512Multiply.Lane(vector, index);

    public static Vector512<ulong> MultiplyLow(Vector512<ulong> a, Vector512<ulong> b) => Vector512.Create(
        Vector256.Create(PclmulqdqMultiply.MultiplyLow(Lane(a, 0), Lane(b, 0)), PclmulqdqMultiply.MultiplyLow(Lane(a, 1), Lane(b, 1))),
        Vector256.Create(PclmulqdqMultiply.MultiplyLow(Lane(a, 2), Lane(b, 2)), PclmulqdqMultiply.MultiplyLow(Lane(a, 3), Lane(b, 3))));

    public static Vector512<ulong> MultiplyHigh(Vector512<ulong> a, Vector512<ulong> b) => Vector512.Create(
        Vector256.Create(PclmulqdqMultiply.MultiplyHigh(Lane(a, 0), Lane(b, 0)), PclmulqdqMultiply.MultiplyHigh(Lane(a, 1), Lane(b, 1))),
        Vector256.Create(PclmulqdqMultiply.MultiplyHigh(Lane(a, 2), Lane(b, 2)), PclmulqdqMultiply.MultiplyHigh(Lane(a, 3), Lane(b, 3))));
}
