namespace CrcBuildTools.ObjectStorage;

/// <summary>What HEAD says about an existing object.</summary>
/// <param name="Length">Content-Length.</param>
/// <param name="Crc64">The CRC-64 header; null for objects written before the service computed it.</param>
/// <param name="ETag">The ETag header.</param>
/// <param name="RequestId">The vendor's request id.</param>
public sealed record ObjectMetadata(long Length, ulong? Crc64, string? ETag, string? RequestId);
