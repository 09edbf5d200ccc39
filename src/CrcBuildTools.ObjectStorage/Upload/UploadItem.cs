namespace CrcBuildTools.ObjectStorage;

/// <summary>One file to upload, usually a manifest entry.</summary>
/// <param name="LocalPath">The file on disk.</param>
/// <param name="RelativePath">Its path relative to the publish folder, with <c>/</c>; the prefix is prepended to make the key.</param>
/// <param name="Length">The length recorded in the manifest; null when unknown (then read from disk).</param>
/// <param name="Crc64">The CRC-64 recorded in the manifest; null when unknown (then computed). The upload fails
/// with CRC3021 if the file no longer matches it.</param>
public sealed record UploadItem(string LocalPath, string RelativePath, long? Length = null, ulong? Crc64 = null);
