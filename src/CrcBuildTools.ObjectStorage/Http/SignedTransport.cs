using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using CrcBuildTools.ObjectStorage.Signing;

namespace CrcBuildTools.ObjectStorage.Http;

/// <summary>
/// Turns a <see cref="RequestSpec"/> into one HTTP exchange: build the message, sign it (unless anonymous), send it
/// ONCE under its own timeout. It never retries and never judges the answer; that is the pipeline's job.
/// </summary>
internal sealed class SignedTransport : IDisposable
{
    private readonly HttpClient _http;
    private readonly string _baseUrl;
    private readonly string _hostHeader;
    private readonly StorageCredentials? _credentials;

    /// <param name="baseUri">Where requests go.</param>
    /// <param name="profile">COS, OSS or anonymous.</param>
    /// <param name="credentials">Null for anonymous.</param>
    /// <param name="requestTimeout">Per attempt.</param>
    /// <param name="handler">A test handler, or null for the default.</param>
    /// <param name="connections">Requests that may be in flight at once (files and parts in parallel, plus HEADs).</param>
    public SignedTransport(Uri baseUri, ProviderProfile profile, StorageCredentials? credentials, TimeSpan requestTimeout, HttpMessageHandler? handler, int connections = 8)
    {
        BaseUri = baseUri;
        Profile = profile;
        _credentials = credentials;
        RequestTimeout = requestTimeout;
        _baseUrl = baseUri.GetLeftPart(UriPartial.Authority);
        _hostHeader = StorageEndpoint.HostHeader(baseUri);

        // Our own per-attempt timeout replaces HttpClient's, so a timeout is retried rather than fatal.
        _http = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
        _http.Timeout = Timeout.InfiniteTimeSpan;
        FrameworkServicePoint = FrameworkConnectionSettings.ApplyTo(baseUri, connections);
    }

    public Uri BaseUri { get; }

    /// <summary>On .NET Framework, the endpoint's ServicePoint, held so its settings outlive a cache eviction; else null.</summary>
    public object? FrameworkServicePoint { get; }

    public ProviderProfile Profile { get; }

    public TimeSpan RequestTimeout { get; }

    /// <summary>The signing clock; tests move it to check skew handling.</summary>
    public Func<DateTimeOffset> Clock { get; set; } = () => DateTimeOffset.UtcNow;

    /// <summary>Sends and returns once the headers are in; the body stays on the wire for the caller.</summary>
    public async Task<StreamingResponse> SendStreamingAsync(RequestSpec spec, CancellationToken cancellationToken)
    {
        var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        HttpRequestMessage? request = null;
        HttpResponseMessage? response = null;
        try
        {
            timeout.CancelAfter(RequestTimeout);
            request = BuildMessage(spec);
            response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (KeyValuePair<string, IEnumerable<string>> header in response.Headers.Concat(response.Content.Headers))
            {
                headers[header.Key] = header.Value.FirstOrDefault() ?? "";
            }

#if NET5_0_OR_GREATER
            Stream body = await response.Content.ReadAsStreamAsync(timeout.Token).ConfigureAwait(false);
#else
            Stream body = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
#endif
            return new StreamingResponse(request, response, timeout, headers, body, Profile.RequestId(headers));
        }
        catch
        {
            response?.Dispose();
            request?.Dispose();
            timeout.Dispose();
            throw;
        }
    }

    public void Dispose() => _http.Dispose();

    private HttpRequestMessage BuildMessage(RequestSpec spec)
    {
        var signable = new SignableRequest(spec.Method.Method, spec.ObjectKey);
        signable.Query.AddRange(spec.Query);
        signable.SetHeader("Host", _hostHeader);
        if (spec.Body is ArraySegment<byte> body)
        {
            signable.SetHeader("Content-Length", body.Count.ToString(CultureInfo.InvariantCulture));
        }

        if (spec.ContentType is not null)
        {
            signable.SetHeader("Content-Type", spec.ContentType);
        }

        foreach (KeyValuePair<string, string> header in spec.Headers)
        {
            signable.SetHeader(header.Key, header.Value);
        }

        if (Profile.Signer is IRequestSigner signer && _credentials is not null)
        {
            signer.Sign(signable, _credentials, Clock());
        }

        var request = new HttpRequestMessage(spec.Method, new Uri(_baseUrl + signable.EncodedPathAndQuery(), UriKind.Absolute));

        // No 100-continue round trip before each body (.NET Framework's default); the body is small or already hashed.
        request.Headers.ExpectContinue = false;
        if (spec.Body is ArraySegment<byte> content)
        {
            // The same pooled bytes that were hashed are sent: no copy, no second read of the file.
            request.Content = new ByteArrayContent(content.Array ?? Array.Empty<byte>(), content.Offset, content.Count);
        }

        foreach (KeyValuePair<string, string> header in signable.Headers)
        {
            if (header.Key.Equals("Host", StringComparison.OrdinalIgnoreCase))
            {
                request.Headers.Host = header.Value;
            }
            else if (header.Key.StartsWith("Content-", StringComparison.OrdinalIgnoreCase))
            {
                if (!header.Key.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
                {
                    request.Content?.Headers.TryAddWithoutValidation(header.Key, header.Value);
                }
            }
            else
            {
                request.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }

        return request;
    }
}
