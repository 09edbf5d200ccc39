using System;
using System.Collections.Generic;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

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
#if !NET5_0_OR_GREATER
    private readonly CancellationTokenRegistration _abortOnCancel;
#endif

    public StreamingResponse(HttpRequestMessage request, HttpResponseMessage message, CancellationTokenSource timeout, Dictionary<string, string> headers, Stream body, string? requestId)
    {
        _request = request;
        _message = message;
        _timeout = timeout;
        Headers = headers;
        Body = body;
        RequestId = requestId;
#if !NET5_0_OR_GREATER
        // On .NET Framework a response stream's ReadAsync ignores its token, so a stalled body would outlive both the
        // attempt's timeout and Ctrl+C. Disposing the response is what aborts the read there.
        _abortOnCancel = timeout.Token.Register(static state => ((HttpResponseMessage)state!).Dispose(), message);
#endif
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

    /// <summary>
    /// Reads the body, honouring <see cref="Token"/> on every runtime. A read that ends because the attempt was
    /// cancelled or timed out always surfaces as <see cref="OperationCanceledException"/>, never as the disposed-stream
    /// or aborted-connection error it becomes underneath, so the pipeline tells a timeout (retry) from a cancel (stop).
    /// </summary>
    public async Task<int> ReadBodyAsync(byte[] buffer, int offset, int count)
    {
        try
        {
#if NET5_0_OR_GREATER
            return await Body.ReadAsync(buffer.AsMemory(offset, count), Token).ConfigureAwait(false);
#else
            return await Body.ReadAsync(buffer, offset, count, Token).ConfigureAwait(false);
#endif
        }
        catch (Exception e) when (Token.IsCancellationRequested && e is ObjectDisposedException or IOException or HttpRequestException)
        {
            throw new OperationCanceledException("The response body read was cancelled or timed out.", e, Token);
        }
    }

    public void Dispose()
    {
#if !NET5_0_OR_GREATER
        _abortOnCancel.Dispose();
#endif
        Body.Dispose();
        _message.Dispose();
        _request.Dispose();
        _timeout.Dispose();
    }
}
