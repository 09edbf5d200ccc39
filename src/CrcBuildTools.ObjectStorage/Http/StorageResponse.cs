using System;
using System.Collections.Generic;
using System.IO;
using System.Net.Http;
using System.Threading;

namespace CrcBuildTools.ObjectStorage.Http;

/// <summary>An answer with its body already read, so the connection can be released at once.</summary>
internal sealed class StorageResponse
{
    public StorageResponse(int status, Dictionary<string, string> headers, byte[] body, string? requestId)
    {
        Status = status;
        Headers = headers;
        Body = body;
        RequestId = requestId;
    }

    public int Status { get; }

    /// <summary>First value of each response and content header, names case-insensitive.</summary>
    public Dictionary<string, string> Headers { get; }

    public byte[] Body { get; }

    public string? RequestId { get; }

    public bool IsSuccess => Status is >= 200 and <= 299;

    public string? Header(string name) => Headers.TryGetValue(name, out string? value) ? value : null;
}

/// <summary>
/// An answer whose body is still on the wire (a GET of a release file): the caller streams it to disk. Disposing
/// releases the connection and the attempt's timeout.
/// </summary>
internal sealed class StreamingResponse : IDisposable
{
    private readonly HttpRequestMessage _request;
    private readonly HttpResponseMessage _message;
    private readonly CancellationTokenSource _timeout;

    public StreamingResponse(HttpRequestMessage request, HttpResponseMessage message, CancellationTokenSource timeout, Dictionary<string, string> headers, Stream body, string? requestId)
    {
        _request = request;
        _message = message;
        _timeout = timeout;
        Headers = headers;
        Body = body;
        RequestId = requestId;
    }

    public int Status => (int)_message.StatusCode;

    public Dictionary<string, string> Headers { get; }

    /// <summary>The body; reads honour the attempt's timeout through <see cref="Token"/>.</summary>
    public Stream Body { get; }

    public string? RequestId { get; }

    /// <summary>Cancelled when the caller cancels or the attempt runs past its timeout.</summary>
    public CancellationToken Token => _timeout.Token;

    public long? ContentLength => _message.Content.Headers.ContentLength;

    public string? Header(string name) => Headers.TryGetValue(name, out string? value) ? value : null;

    public void Dispose()
    {
        Body.Dispose();
        _message.Dispose();
        _request.Dispose();
        _timeout.Dispose();
    }
}
