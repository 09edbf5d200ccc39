using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using CrcBuildTools.Hashing;

namespace CrcBuildTools.Emulator;

/// <summary>The bucket: objects and in-progress uploads, in memory.</summary>
public sealed class ObjectStore
{
    private readonly ConcurrentDictionary<string, StoredObject> _objects = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, PendingUpload> _uploads = new(StringComparer.Ordinal);
    private readonly EmulatedProvider _provider;
    private readonly Func<DateTimeOffset> _clock;

    internal ObjectStore(EmulatedProvider provider, Func<DateTimeOffset> clock)
    {
        _provider = provider;
        _clock = clock;
    }

    /// <summary>A snapshot of the objects, in ordinal key order.</summary>
    public IReadOnlyList<StoredObject> Objects => _objects.Values.OrderBy(o => o.Key, StringComparer.Ordinal).ToList();

    /// <summary>A snapshot of the unfinished multipart uploads, by key, then by initiation time (the services' order).</summary>
    public IReadOnlyList<PendingUpload> Uploads => _uploads.Values
        .OrderBy(u => u.Key, StringComparer.Ordinal).ThenBy(u => u.Initiated).ThenBy(u => u.UploadId, StringComparer.Ordinal).ToList();

    /// <summary>The object under <paramref name="key"/>, or null.</summary>
    /// <param name="key">The object key.</param>
    /// <returns>The object, or null when there is none.</returns>
    public StoredObject? Get(string key) => _objects.TryGetValue(key, out StoredObject? value) ? value : null;

    /// <summary>Stores an object, replacing any under the same key.</summary>
    /// <param name="value">The object.</param>
    public void Put(StoredObject value) => _objects[value.Key] = value;

    /// <summary>
    /// Stores <paramref name="bytes"/> under <paramref name="key"/> as a single PUT would: CRC-64, the service's
    /// MD5 ETag and Last-Modified from the emulator's clock. For tests that stage a bucket (or replace an object
    /// behind a release's back) without going through a client.
    /// </summary>
    /// <param name="key">The object key.</param>
    /// <param name="bytes">The content.</param>
    /// <param name="headers">Stored headers (Content-Type, user metadata), names in lower case; null for none.</param>
    /// <returns>The stored object.</returns>
    public StoredObject Put(string key, byte[] bytes, IReadOnlyDictionary<string, string>? headers = null)
    {
        var stored = new StoredObject(key, bytes.Length, Crc64Xz.Hash(bytes), ServiceETag.ForBody(MD5.HashData(bytes), _provider), bytes)
        {
            LastModified = ServiceTime.Truncate(_clock()),
            Headers = headers ?? StoredHeaders.None,
        };
        Put(stored);
        return stored;
    }

    /// <summary>Removes an object.</summary>
    /// <param name="key">The object key.</param>
    /// <returns>False when there was none.</returns>
    public bool Delete(string key) => _objects.TryRemove(key, out _);

    /// <summary>Opens a multipart upload with a fresh id, initiated now by the emulator's clock.</summary>
    /// <param name="key">The object key.</param>
    /// <param name="headers">The Initiate request's stored headers; null for none.</param>
    /// <returns>The new upload.</returns>
    public PendingUpload StartUpload(string key, IReadOnlyDictionary<string, string>? headers = null)
    {
        var upload = new PendingUpload(Guid.NewGuid().ToString("N").ToUpperInvariant(), key, ServiceTime.Truncate(_clock()), headers);
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
