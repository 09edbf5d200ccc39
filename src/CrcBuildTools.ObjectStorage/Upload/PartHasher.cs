using System;
using CrcBuildTools.Hashing;

namespace CrcBuildTools.ObjectStorage.Upload;

/// <summary>
/// Computes the local CRC-64 of the bytes about to be sent: a whole object (<paramref name="offset"/> 0) or one part
/// of the file at <paramref name="path"/>. The uploader always hashes and always compares; this seam exists only so
/// the benchmark can swap the CRC for a lookup of precomputed values and measure what hashing costs, without any
/// switch in the shipped code (the download side has the same seam, <c>RangeHasherFactory</c>).
/// </summary>
internal delegate ulong PartHasher(string path, long offset, ReadOnlySpan<byte> bytes);

/// <summary>The real hasher.</summary>
internal static class PartHashers
{
    /// <summary>The project's CRC-64/XZ engine over the bytes themselves.</summary>
    public static readonly PartHasher Crc64 = static (_, _, bytes) => Crc64Xz.Hash(bytes);
}
