using System;
using System.Collections.Concurrent;
using System.Collections.Generic;

namespace CrcBuildTools.Emulator;

/// <summary>An in-progress multipart upload.</summary>
public sealed class PendingUpload
{
    /// <summary>Creates an upload record.</summary>
    /// <param name="uploadId">The id the service handed out.</param>
    /// <param name="key">The object key it will complete into.</param>
    /// <param name="initiated">When it was initiated.</param>
    /// <param name="headers">The headers given at Initiate that the completed object keeps (see <see cref="StoredObject.Headers"/>).</param>
    public PendingUpload(string uploadId, string key, DateTimeOffset? initiated = null, IReadOnlyDictionary<string, string>? headers = null)
    {
        UploadId = uploadId;
        Key = key;
        Initiated = initiated ?? ServiceTime.Now();
        Headers = headers ?? StoredHeaders.None;
    }

    /// <summary>The id Initiate answered with.</summary>
    public string UploadId { get; }

    /// <summary>The object key it will complete into.</summary>
    public string Key { get; }

    /// <summary>
    /// When Initiate was received; ListMultipartUploads shows it. Settable so that a test can stage an upload that
    /// was left behind days ago without moving the clock that signatures are checked against.
    /// </summary>
    public DateTimeOffset Initiated { get; set; }

    /// <summary>
    /// The Initiate request's Content-Type and user metadata (<c>x-cos-meta-*</c> / <c>x-oss-meta-*</c>). As at the
    /// services, ListMultipartUploads does not show them; the completed object answers HEAD with them.
    /// </summary>
    public IReadOnlyDictionary<string, string> Headers { get; }

    /// <summary>The parts uploaded so far, by part number; a part uploaded again replaces the earlier one.</summary>
    public ConcurrentDictionary<int, StoredPart> Parts { get; } = new();
}
