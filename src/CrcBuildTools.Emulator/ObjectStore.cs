using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;

namespace CrcBuildTools.Emulator;

/// <summary>A stored object: length and CRC always, bytes unless the emulator was told not to keep them.</summary>
public sealed record StoredObject(string Key, long Length, ulong Crc64, string ETag, byte[]? Bytes);

/// <summary>A part of an in-progress multipart upload.</summary>
public sealed record StoredPart(int PartNumber, long Length, ulong Crc64, string ETag, byte[]? Bytes);

/// <summary>An in-progress multipart upload.</summary>
public sealed class PendingUpload
{
    public PendingUpload(string uploadId, string key)
    {
        UploadId = uploadId;
        Key = key;
    }

    public string UploadId { get; }

    public string Key { get; }

    public ConcurrentDictionary<int, StoredPart> Parts { get; } = new();
}

/// <summary>The bucket: objects and in-progress uploads, in memory.</summary>
public sealed class ObjectStore
{
    private readonly ConcurrentDictionary<string, StoredObject> _objects = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, PendingUpload> _uploads = new(StringComparer.Ordinal);

    public IReadOnlyList<StoredObject> Objects => _objects.Values.OrderBy(o => o.Key, StringComparer.Ordinal).ToList();

    public IReadOnlyList<PendingUpload> Uploads => _uploads.Values.ToList();

    public StoredObject? Get(string key) => _objects.TryGetValue(key, out StoredObject? value) ? value : null;

    public void Put(StoredObject value) => _objects[value.Key] = value;

    public bool Delete(string key) => _objects.TryRemove(key, out _);

    public PendingUpload StartUpload(string key)
    {
        var upload = new PendingUpload(Guid.NewGuid().ToString("N"), key);
        _uploads[upload.UploadId] = upload;
        return upload;
    }

    public PendingUpload? FindUpload(string uploadId, string key) =>
        _uploads.TryGetValue(uploadId, out PendingUpload? upload) && upload.Key == key ? upload : null;

    public bool RemoveUpload(string uploadId) => _uploads.TryRemove(uploadId, out _);

    public void Clear()
    {
        _objects.Clear();
        _uploads.Clear();
    }
}
