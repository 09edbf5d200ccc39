using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;

namespace CrcBuildTools.Emulator;

/// <summary>A stored object: length and CRC always, bytes unless the emulator was told not to keep them.</summary>
/// <param name="Key">The object key.</param>
/// <param name="Length">Its length in bytes.</param>
/// <param name="Crc64">Its CRC-64/XZ, the value of the CRC header.</param>
/// <param name="ETag">Its ETag, quotes included, as the service prints it.</param>
/// <param name="Bytes">Its content; null when <see cref="EmulatorOptions.KeepObjectBytes"/> is false.</param>
public sealed record StoredObject(string Key, long Length, ulong Crc64, string ETag, byte[]? Bytes);

/// <summary>A part of an in-progress multipart upload.</summary>
/// <param name="PartNumber">1 to 10,000.</param>
/// <param name="Length">Its length in bytes.</param>
/// <param name="Crc64">Its CRC-64/XZ.</param>
/// <param name="ETag">Its ETag, quotes included.</param>
/// <param name="Bytes">Its content; null when <see cref="EmulatorOptions.KeepObjectBytes"/> is false.</param>
public sealed record StoredPart(int PartNumber, long Length, ulong Crc64, string ETag, byte[]? Bytes);

/// <summary>An in-progress multipart upload.</summary>
public sealed class PendingUpload
{
    /// <summary>Creates an upload record.</summary>
    /// <param name="uploadId">The id the service handed out.</param>
    /// <param name="key">The object key it will complete into.</param>
    public PendingUpload(string uploadId, string key)
    {
        UploadId = uploadId;
        Key = key;
    }

    /// <summary>The id Initiate answered with.</summary>
    public string UploadId { get; }

    /// <summary>The object key it will complete into.</summary>
    public string Key { get; }

    /// <summary>The parts uploaded so far, by part number; a part uploaded again replaces the earlier one.</summary>
    public ConcurrentDictionary<int, StoredPart> Parts { get; } = new();
}

/// <summary>The bucket: objects and in-progress uploads, in memory.</summary>
public sealed class ObjectStore
{
    private readonly ConcurrentDictionary<string, StoredObject> _objects = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, PendingUpload> _uploads = new(StringComparer.Ordinal);

    /// <summary>A snapshot of the objects, in ordinal key order.</summary>
    public IReadOnlyList<StoredObject> Objects => _objects.Values.OrderBy(o => o.Key, StringComparer.Ordinal).ToList();

    /// <summary>A snapshot of the unfinished multipart uploads.</summary>
    public IReadOnlyList<PendingUpload> Uploads => _uploads.Values.ToList();

    /// <summary>The object under <paramref name="key"/>, or null.</summary>
    /// <param name="key">The object key.</param>
    /// <returns>The object, or null when there is none.</returns>
    public StoredObject? Get(string key) => _objects.TryGetValue(key, out StoredObject? value) ? value : null;

    /// <summary>Stores an object, replacing any under the same key.</summary>
    /// <param name="value">The object.</param>
    public void Put(StoredObject value) => _objects[value.Key] = value;

    /// <summary>Removes an object.</summary>
    /// <param name="key">The object key.</param>
    /// <returns>False when there was none.</returns>
    public bool Delete(string key) => _objects.TryRemove(key, out _);

    /// <summary>Opens a multipart upload with a fresh id.</summary>
    /// <param name="key">The object key.</param>
    /// <returns>The new upload.</returns>
    public PendingUpload StartUpload(string key)
    {
        var upload = new PendingUpload(Guid.NewGuid().ToString("N"), key);
        _uploads[upload.UploadId] = upload;
        return upload;
    }

    /// <summary>The open upload with this id for this key, or null.</summary>
    /// <param name="uploadId">The upload id.</param>
    /// <param name="key">The key it must belong to.</param>
    /// <returns>The upload, or null.</returns>
    public PendingUpload? FindUpload(string uploadId, string key) =>
        _uploads.TryGetValue(uploadId, out PendingUpload? upload) && upload.Key == key ? upload : null;

    /// <summary>Forgets an upload (completed or aborted).</summary>
    /// <param name="uploadId">The upload id.</param>
    /// <returns>False when there was none.</returns>
    public bool RemoveUpload(string uploadId) => _uploads.TryRemove(uploadId, out _);

    /// <summary>Empties the bucket: objects and open uploads.</summary>
    public void Clear()
    {
        _objects.Clear();
        _uploads.Clear();
    }
}
