using System;
using System.Collections.Generic;
using System.Net.Http;

namespace CrcBuildTools.ObjectStorage.Http;

/// <summary>
/// One logical operation, described once and turned into a fresh, freshly signed message for every attempt, so a
/// retry carries a new date and never a consumed body.
/// </summary>
internal sealed class RequestSpec
{
    public RequestSpec(string operation, HttpMethod method, string objectKey)
    {
        Operation = operation;
        Method = method;
        ObjectKey = objectKey;
    }

    /// <summary>For messages: <c>PUT</c>, <c>part 3</c>, <c>complete</c>, <c>range 0-8388607</c>...</summary>
    public string Operation { get; }

    public HttpMethod Method { get; }

    /// <summary>The object key; empty for bucket-level requests such as listings.</summary>
    public string ObjectKey { get; }

    public List<KeyValuePair<string, string?>> Query { get; } = new();

    /// <summary>Extra request headers (Range, If-Match, Cache-Control...). Signed where the provider signs them.</summary>
    public List<KeyValuePair<string, string>> Headers { get; } = new();

    /// <summary>The bytes to send; a segment of a pooled buffer, sent as-is on every attempt (never re-read).</summary>
    public ArraySegment<byte>? Body { get; init; }

    public string? ContentType { get; init; }

    /// <summary>HEAD of a missing object and Abort of a finished upload answer 404; neither is an error.</summary>
    public bool AllowNotFound { get; init; }

    /// <summary>A conditional request answers 412 when the object changed; the caller handles it.</summary>
    public bool AllowPreconditionFailed { get; init; }

    /// <summary>COS Complete can answer 200 with an <c>&lt;Error&gt;</c> body; such a 200 is a failure.</summary>
    public bool ErrorBodyMeansFailure { get; init; }

    public string? FilePath { get; init; }

    public int? PartNumber { get; init; }

    public RequestSpec WithHeader(string name, string value)
    {
        Headers.Add(new(name, value));
        return this;
    }
}
