namespace CrcBuildTools.ObjectStorage;

/// <summary>A part of a multipart upload, as sent to Complete or returned by List Parts.</summary>
/// <param name="PartNumber">1 to 10,000.</param>
/// <param name="ETag">The part's ETag as Upload Part returned it.</param>
/// <param name="Length">The part's size in bytes (0 when unknown).</param>
/// <param name="Crc64">The part's CRC-64 (OSS lists it; COS does not).</param>
public sealed record MultipartPart(int PartNumber, string ETag, long Length = 0, ulong? Crc64 = null);
