using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading;
using System.Threading.Tasks;
using CrcBuildTools.Emulator.Signatures;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CrcBuildTools.Emulator;

/// <summary>
/// A loopback COS or OSS bucket over real HTTP (Kestrel on 127.0.0.1). Every request is classified first (anything
/// the emulator does not implement is refused with 501 NotImplemented and never stored), then signature-checked;
/// answers carry the CRC-64, request-id, ETag and Last-Modified headers as the service sends them; faults armed in
/// <see cref="Faults"/> are injected into matching requests. Test code inspects <see cref="Store"/> and
/// <see cref="Requests"/>, or, for an emulator in another process, the <c>/_emulator/</c> control API.
/// </summary>
public sealed class StorageEmulatorServer : IAsyncDisposable, IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };
    private WebApplication? _app;
    private int _requestsInFlight;

    /// <summary>Creates a server; nothing listens until <see cref="StartAsync"/>.</summary>
    /// <param name="options">Provider, bucket, credentials and behaviour.</param>
    public StorageEmulatorServer(EmulatorOptions options)
    {
        Options = options;
        Store = new ObjectStore(options.Provider, () => Clock());
    }

    /// <summary>The options this instance was created with.</summary>
    public EmulatorOptions Options { get; }

    /// <summary>The bucket's contents: tests read it to assert what landed, and write it to stage a scenario.</summary>
    public ObjectStore Store { get; }

    /// <summary>Faults armed for coming requests.</summary>
    public FaultPlan Faults { get; } = new();

    /// <summary>Every request served (control API calls excepted), in the order they finished.</summary>
    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    /// <summary>
    /// Requests being served now. A request is recorded in <see cref="Requests"/> only when it ends, so a client that
    /// gave up (a cancelled sibling of a failed part) shows up there late; tests wait for this to reach zero before
    /// they count what a next step sends.
    /// </summary>
    public int RequestsInFlight => Volatile.Read(ref _requestsInFlight);

    /// <summary>The emulator's clock: signatures are checked against it, Last-Modified and Initiated come from it. Tests move it to provoke RequestTimeTooSkewed.</summary>
    public Func<DateTimeOffset> Clock { get; set; } = () => DateTimeOffset.UtcNow;

    /// <summary>For example <c>http://127.0.0.1:49152</c>; set by <see cref="StartAsync"/>.</summary>
    public string Url { get; private set; } = "";

    /// <summary>Starts listening on 127.0.0.1 and sets <see cref="Url"/>.</summary>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>A task that completes once the server accepts connections.</returns>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, Options.Port);
            kestrel.Limits.MaxRequestBodySize = null;
            kestrel.AddServerHeader = false;
        });
        WebApplication app = builder.Build();
        app.Run(HandleAsync);
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            // A port in use: nothing listens, and disposing must not meet the same failure again.
            await app.DisposeAsync();
            throw;
        }

        _app = app;
        string address = _app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        Url = address.Replace("[::1]", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/');
    }

    /// <summary>Stops listening and releases the port.</summary>
    /// <returns>A task that completes when the server has stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
            _app = null;
        }
    }

    /// <summary>Stops listening and releases the port, synchronously.</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private async Task HandleAsync(HttpContext context)
    {
        string rawTarget = context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget;
        if (rawTarget.StartsWith("/_emulator/", StringComparison.Ordinal))
        {
            await EmulatorControl.HandleAsync(this, context, rawTarget, Json);
            return;
        }

        IncomingRequest request = IncomingRequest.FromRawTarget(context.Request.Method, rawTarget,
            context.Request.Headers.Select(h => new KeyValuePair<string, string>(h.Key, h.Value.ToString())));
        ClassifiedRequest classified = RequestClassifier.Classify(request, Options);
        FaultKind? fault = classified.Stage is FaultStage stage ? Faults.Take(stage, request.Key.Length > 0 ? request.Key : request.QueryValue("prefix") ?? "", classified.PartNumber) : null;
        var exchange = new Exchange(context, request, classified, fault, this);
        Interlocked.Increment(ref _requestsInFlight);
        try
        {
            await ServeAsync(exchange);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            exchange.Status = 499;
        }
        catch (Exception e) when (!context.Response.HasStarted)
        {
            // An emulator bug must still answer like a service would, not with an empty 500 (or a crash).
            context.Response.Clear();
            await exchange.ErrorAsync(500, "InternalError", "The emulator failed on this request: " + e.GetType().Name + ": " + e.Message);
        }
        finally
        {
            Requests.Enqueue(new RecordedRequest(request.Method, request.Key, rawTarget, classified.Stage, classified.PartNumber, exchange.Status,
                exchange.ErrorCode, fault, request.Headers));
            Interlocked.Decrement(ref _requestsInFlight);
        }
    }

    private async Task ServeAsync(Exchange x)
    {
        if (x.Classified.NotImplemented is { } reason)
        {
            await x.DrainAsync();
            await x.ErrorAsync(501, "NotImplemented", reason);
            return;
        }

        SignatureFailure? refused = CheckSignature(x.Request, x.Classified.Operation!.Value);
        if (refused is not null)
        {
            await x.DrainAsync();
            await x.ErrorAsync(refused.Status, refused.Code, refused.Message);
            return;
        }

        switch (x.Fault)
        {
            case FaultKind.SlowAnswer:
                await Task.Delay(Options.SlowAnswerDelay, x.Http.RequestAborted);
                break;
            case FaultKind.ConnectionReset:
                long length = x.Http.Request.ContentLength ?? 0;
                var half = new byte[Math.Max(0, length / 2)];
                await x.Http.Request.Body.ReadAtLeastAsync(half, half.Length, throwOnEndOfStream: false, x.Http.RequestAborted);
                x.Status = 0;
                x.Http.Abort();
                return;
            case FaultKind.InternalError:
                await x.DrainAsync();
                await x.ErrorAsync(500, "InternalError", "We encountered an internal error. Please try again.");
                return;
            case FaultKind.SlowDown:
                await x.DrainAsync();
                await x.ErrorAsync(503, "SlowDown", "Please reduce your request rate.");
                return;
            case FaultKind.ObjectReplaced:
                ReplaceObject(x.Request.Key);
                break;
        }

        await DispatchAsync(x, x.Classified.Operation!.Value);
    }

    private static Task DispatchAsync(Exchange x, ServiceOperation operation) => operation switch
    {
        ServiceOperation.PutObject => ObjectWrites.PutObjectAsync(x),
        ServiceOperation.InitiateMultipartUpload => ObjectWrites.InitiateAsync(x),
        ServiceOperation.UploadPart => ObjectWrites.UploadPartAsync(x),
        ServiceOperation.CompleteMultipartUpload => ObjectWrites.CompleteAsync(x),
        ServiceOperation.AbortMultipartUpload => ObjectWrites.AbortAsync(x),
        ServiceOperation.HeadObject or ServiceOperation.GetObject => ObjectReads.ServeAsync(x),
        ServiceOperation.DeleteObject => DeleteObjectAsync(x),
        ServiceOperation.ListParts => BucketListings.ListPartsAsync(x),
        ServiceOperation.ListObjects => BucketListings.ListObjectsAsync(x, v2: false),
        ServiceOperation.ListObjectsV2 => BucketListings.ListObjectsAsync(x, v2: true),
        ServiceOperation.ListMultipartUploads => BucketListings.ListMultipartUploadsAsync(x),
        ServiceOperation.HeadBucket => HeadBucketAsync(x),
        _ => throw new InvalidOperationException("Unhandled operation " + operation),
    };

    /// <summary>Both services answer 204 whether or not the object existed.</summary>
    private static async Task DeleteObjectAsync(Exchange x)
    {
        await x.DrainAsync();
        x.Store.Delete(x.Request.Key);
        x.Bare(204);
    }

    private static Task HeadBucketAsync(Exchange x)
    {
        x.Bare(200);
        return Task.CompletedTask;
    }

    /// <summary>The <see cref="FaultKind.ObjectReplaced"/> fault: other bytes, same length, a later Last-Modified.</summary>
    private void ReplaceObject(string key)
    {
        StoredObject? old = Store.Get(key);
        if (old is null)
        {
            return;
        }

        DateTimeOffset later = ServiceTime.Truncate(Clock()) > old.LastModified ? ServiceTime.Truncate(Clock()) : old.LastModified.AddSeconds(1);
        if (old.Bytes is null)
        {
            ulong crc = old.Crc64 ^ 0x5A5A_5A5A_5A5A_5A5AUL;
            Store.Put(old with { Crc64 = crc, ETag = ServiceETag.FromCrc(crc, 0), LastModified = later, PartCount = 0 });
            return;
        }

        // An empty object has no "other bytes of the same length"; it becomes one byte long.
        byte[] bytes = old.Bytes.Length == 0 ? new byte[] { 0x5A } : old.Bytes.Select(b => (byte)(b ^ 0x5A)).ToArray();
        StoredObject replaced = Store.Put(key, bytes, old.Headers);
        Store.Put(replaced with { LastModified = later });
    }

    private SignatureFailure? CheckSignature(IncomingRequest request, ServiceOperation operation)
    {
        string? authorization = request.Header("authorization");
        if (authorization is null && Options.PublicRead && operation is ServiceOperation.GetObject or ServiceOperation.HeadObject)
        {
            return null;
        }

        DateTimeOffset now = Clock();
        if (Options.Provider == EmulatedProvider.Cos)
        {
            return CosSignatureCheck.Check(request, Options, now);
        }

        authorization ??= "";
        if (authorization.StartsWith(OssV4SignatureCheck.Prefix, StringComparison.Ordinal))
        {
            return OssV4SignatureCheck.Check(request, Options, now);
        }

        return authorization.StartsWith("OSS ", StringComparison.Ordinal)
            ? OssV1SignatureCheck.Check(request, Options, now)
            : new SignatureFailure(403, "AccessDenied", "Missing or unsupported Authorization header.");
    }
}
