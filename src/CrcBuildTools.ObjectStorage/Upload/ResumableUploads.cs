using System;
using System.Collections.Concurrent;
using System.Collections.Generic;

namespace CrcBuildTools.ObjectStorage.Upload;

/// <summary>
/// Unfinished multipart uploads of a killed run that this run may continue instead of starting over: only on OSS,
/// whose ListParts lists each part's CRC-64 (<c>HashCrc64ecma</c>), and only for a file of this release whose length,
/// CRC-64 and part size are the ones the mark recorded. Every reused part is still verified: its bytes are read and
/// hashed here, and the part is reused only if that CRC and its length equal what the service lists for it; any other
/// part is uploaded again. COS lists no CRC per part (only an MD5 ETag), so its uploads are always aborted.
/// </summary>
internal sealed class ResumableUploads
{
    private readonly ConcurrentDictionary<string, UploadMarker> _byKey = new(StringComparer.Ordinal);

    /// <summary>Whether an earlier run's upload recorded in <paramref name="marker"/> may be continued by this plan.</summary>
    public static bool Qualifies(UploadMarker marker, StorageProvider provider, IReadOnlyDictionary<string, UploadItem> plan, ObjectStorageOptions options) =>
        provider == StorageProvider.Oss &&
        plan.TryGetValue(marker.ObjectKey, out UploadItem? item) &&
        item.Length is long length && length == marker.Length && length > options.MultipartThreshold &&
        item.Crc64 is ulong crc && marker.Crc64 == crc &&
        PartPlanner.PartSize(length, options.PartSize) == marker.PartSize;

    public void Add(UploadMarker marker) => _byKey[marker.ObjectKey] = marker;

    /// <summary>The earlier upload of <paramref name="key"/>, handed out once (a retry of the file starts afresh).</summary>
    public UploadMarker? TryTake(string key) => _byKey.TryRemove(key, out UploadMarker? marker) ? marker : null;

    /// <summary>The uploads nobody took (their files were skipped or failed before): the caller aborts them.</summary>
    public ICollection<UploadMarker> Remaining => _byKey.Values;
}
