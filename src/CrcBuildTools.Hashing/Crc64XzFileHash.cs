namespace CrcBuildTools.Hashing;

/// <summary>The CRC-64/XZ of a file and the number of bytes it covers.</summary>
/// <param name="Crc">The CRC-64/XZ value.</param>
/// <param name="Length">The number of bytes hashed.</param>
public readonly record struct Crc64XzFileHash(ulong Crc, long Length);
