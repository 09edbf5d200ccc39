using System;
using System.Collections.Generic;
using System.Net.Http;

namespace CrcBuildTools.ObjectStorage.Http;

/// <summary>One logical operation; rebuilt and re-signed for each attempt so retries carry a fresh date.</summary>
internal sealed class RequestSpec
{
    public RequestSpec(string operation, HttpMethod method, string objectKey)
    {
        Operation = operation;
        Method = method;
        ObjectKey = objectKey;
    }

    /// <summary>For messages: <c>PUT</c>, <c>part 3</c>, <c>complete</c>...</summary>
    public string Operation { get; }

    public HttpMethod Method { get; }

    public string ObjectKey { get; }

    public List<KeyValuePair<string, string?>> Query { get; } = new();

    /// <summary>The bytes to send; a segment of a pooled buffer, sent as-is on every attempt (never re-read).</summary>
    public ArraySegment<byte>? Body { get; init; }

    public string? ContentType { get; init; }

    /// <summary>HEAD of a missing object and Abort of a finished upload answer 404; neither is an error.</summary>
    public bool AllowNotFound { get; init; }

    /// <summary>COS Complete can answer 200 with an <c>&lt;Error&gt;</c> body; such a 200 is a failure.</summary>
    public bool ErrorBodyMeansFailure { get; init; }

    public string? FilePath { get; init; }

    public int? PartNumber { get; init; }
}
