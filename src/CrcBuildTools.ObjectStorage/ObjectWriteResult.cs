namespace CrcBuildTools.ObjectStorage;

/// <summary>What the service answered to a PUT, an Upload Part or a Complete.</summary>
/// <param name="ETag">The ETag header (quotes kept), needed to complete a multipart upload.</param>
/// <param name="Crc64">The CRC-64 header, or null when the service sent none.</param>
/// <param name="RequestId">The vendor's request id.</param>
public sealed record ObjectWriteResult(string? ETag, ulong? Crc64, string? RequestId);
