using System;
using CrcBuildTools.Hashing;

namespace CrcBuildTools.ObjectStorage.Download;

/// <summary>
/// Hashes the bytes of one range (or one whole file) on their way to disk. The engine always hashes and always
/// compares; this seam exists only so the benchmark can swap the CRC for a lookup of precomputed values and measure
/// what hashing costs, without any switch in the shipped code.
/// </summary>
internal interface IRangeHasher
{
    void Append(ReadOnlySpan<byte> bytes);

    ulong Crc { get; }
}

/// <summary>Creates the hasher for the range at <c>offset</c>, <c>length</c> of the file at <c>path</c>.</summary>
internal delegate IRangeHasher RangeHasherFactory(string path, long offset, long length);

/// <summary>The real one: the project's CRC-64/XZ engine.</summary>
internal sealed class Crc64RangeHasher : IRangeHasher
{
    public static readonly RangeHasherFactory Factory = (_, _, _) => new Crc64RangeHasher();

    private readonly Crc64Xz _crc = new();

    public void Append(ReadOnlySpan<byte> bytes) => _crc.Append(bytes);

    public ulong Crc => _crc.GetCurrentHashAsUInt64();
}
