using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Security;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading;
using System.Threading.Tasks;
using System.Xml.Linq;
using CrcBuildTools.Hashing;
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
/// A loopback COS or OSS bucket over real HTTP (Kestrel on 127.0.0.1). Every request is signature-checked; answers
/// carry the CRC-64, request-id and ETag headers as the service sends them; faults armed in <see cref="Faults"/>
/// are injected into matching requests. Test code inspects <see cref="Store"/> and <see cref="Requests"/>, or, for
/// an out-of-process emulator, the <c>/_emulator/</c> control API.
/// </summary>
public sealed class StorageEmulatorServer : IAsyncDisposable, IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };
    private WebApplication? _app;

    /// <summary>Creates a server; nothing listens until <see cref="StartAsync"/>.</summary>
    /// <param name="options">Provider, bucket, credentials and behaviour.</param>
    public StorageEmulatorServer(EmulatorOptions options) => Options = options;

    /// <summary>The options this instance was created with.</summary>
    public EmulatorOptions Options { get; }

    /// <summary>The bucket's contents: tests read it to assert what landed, and write it to stage a scenario.</summary>
    public ObjectStore Store { get; } = new();

    /// <summary>Faults armed for coming requests.</summary>
    public FaultPlan Faults { get; } = new();

    /// <summary>Every request served (control API calls excepted), in the order they finished.</summary>
    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    /// <summary>The emulator's clock; tests move it to provoke RequestTimeTooSkewed.</summary>
    public Func<DateTimeOffset> Clock { get; set; } = () => DateTimeOffset.UtcNow;

    /// <summary>For example <c>http://127.0.0.1:49152</c>; set by <see cref="StartAsync"/>.</summary>
    public string Url { get; private set; } = "";

    private string Prefix => Options.HeaderPrefix;

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
        _app = builder.Build();
        _app.Run(HandleAsync);
        await _app.StartAsync(cancellationToken);
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
        (FaultStage? stage, int? part) = Classify(request);
        FaultKind? fault = stage is FaultStage s ? Faults.Take(s, request.Key, part) : null;
        var outcome = new Outcome();
        try
        {
            await ServeAsync(context, request, stage, fault, outcome);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            outcome.Status = 499;
        }
        finally
        {
            Requests.Enqueue(new RecordedRequest(request.Method, request.Key, rawTarget, stage, part, outcome.Status, outcome.ErrorCode, fault,
                request.Headers));
        }
    }

    private async Task ServeAsync(HttpContext context, IncomingRequest request, FaultStage? stage, FaultKind? fault, Outcome outcome)
    {
        SignatureFailure? refused = CheckSignature(request);
        if (refused is not null)
        {
            await DrainAsync(context);
            await ErrorAsync(context, outcome, refused.Status, refused.Code, refused.Message, request.Key);
            return;
        }

        switch (fault)
        {
            case FaultKind.SlowAnswer:
                await Task.Delay(Options.SlowAnswerDelay, context.RequestAborted);
                break;
            case FaultKind.ConnectionReset:
                long length = context.Request.ContentLength ?? 0;
                var half = new byte[Math.Max(0, length / 2)];
                await context.Request.Body.ReadAtLeastAsync(half, half.Length, throwOnEndOfStream: false, context.RequestAborted);
                outcome.Status = 0;
                context.Abort();
                return;
            case FaultKind.InternalError:
                await DrainAsync(context);
                await ErrorAsync(context, outcome, 500, "InternalError", "We encountered an internal error. Please try again.", request.Key);
                return;
            case FaultKind.SlowDown:
                await DrainAsync(context);
                await ErrorAsync(context, outcome, 503, "SlowDown", "Please reduce your request rate.", request.Key);
                return;
        }

        switch (stage)
        {
            case FaultStage.Put:
                await PutObjectAsync(context, request, fault, outcome);
                break;
            case FaultStage.Initiate:
                await InitiateAsync(context, request, outcome);
                break;
            case FaultStage.Part:
                await UploadPartAsync(context, request, fault, outcome);
                break;
            case FaultStage.Complete:
                await CompleteAsync(context, request, fault, outcome);
                break;
            case FaultStage.Abort:
                await AbortAsync(context, request, outcome);
                break;
            case FaultStage.Head:
            case FaultStage.Get:
                await ReadObjectAsync(context, request, stage.Value, fault, outcome);
                break;
            default:
                if (request.Method == "GET" && request.HasQuery("uploadId"))
                {
                    await ListPartsAsync(context, request, outcome);
                }
                else
                {
                    await DrainAsync(context);
                    await ErrorAsync(context, outcome, 405, "MethodNotAllowed", "The emulator does not support this operation.", request.Key);
                }

                break;
        }
    }

    private static (FaultStage? Stage, int? Part) Classify(IncomingRequest request)
    {
        bool hasUploadId = request.HasQuery("uploadId");
        int? part = int.TryParse(request.QueryValue("partNumber"), NumberStyles.None, CultureInfo.InvariantCulture, out int n) ? n : null;
        return request.Method switch
        {
            "PUT" when hasUploadId => (FaultStage.Part, part),
            "PUT" => (FaultStage.Put, null),
            "POST" when request.HasQuery("uploads") => (FaultStage.Initiate, null),
            "POST" when hasUploadId => (FaultStage.Complete, null),
            "DELETE" when hasUploadId => (FaultStage.Abort, null),
            "HEAD" => (FaultStage.Head, null),
            "GET" when !hasUploadId => (FaultStage.Get, null),
            _ => (null, null),
        };
    }

    private SignatureFailure? CheckSignature(IncomingRequest request)
    {
        string authorization = request.Header("authorization") ?? "";
        DateTimeOffset now = Clock();
        if (Options.Provider == EmulatedProvider.Cos)
        {
            return CosSignatureCheck.Check(request, Options, now);
        }

        if (authorization.StartsWith(OssV4SignatureCheck.Prefix, StringComparison.Ordinal))
        {
            return OssV4SignatureCheck.Check(request, Options, now);
        }

        return authorization.StartsWith("OSS ", StringComparison.Ordinal)
            ? OssV1SignatureCheck.Check(request, Options, now)
            : new SignatureFailure(403, "AccessDenied", "Missing or unsupported Authorization header.");
    }

    private async Task PutObjectAsync(HttpContext context, IncomingRequest request, FaultKind? fault, Outcome outcome)
    {
        Body body = await ReadBodyAsync(context, fault == FaultKind.CorruptStoredBody);
        Store.Put(new StoredObject(request.Key, body.Length, body.Crc, ETagOf(body.Crc), body.Bytes));
        WriteSuccessHeaders(context, body.Crc, fault);
        context.Response.Headers.ETag = ETagOf(body.Crc);
        outcome.Status = 200;
    }

    private async Task InitiateAsync(HttpContext context, IncomingRequest request, Outcome outcome)
    {
        await DrainAsync(context);
        PendingUpload upload = Store.StartUpload(request.Key);
        await XmlAsync(context, outcome, 200, new XElement("InitiateMultipartUploadResult",
            new XElement("Bucket", Options.Bucket), new XElement("Key", request.Key), new XElement("UploadId", upload.UploadId)));
    }

    private async Task UploadPartAsync(HttpContext context, IncomingRequest request, FaultKind? fault, Outcome outcome)
    {
        PendingUpload? upload = Store.FindUpload(request.QueryValue("uploadId") ?? "", request.Key);
        if (upload is null)
        {
            await DrainAsync(context);
            await ErrorAsync(context, outcome, 404, "NoSuchUpload", "The specified upload does not exist.", request.Key);
            return;
        }

        if (!int.TryParse(request.QueryValue("partNumber"), NumberStyles.None, CultureInfo.InvariantCulture, out int number) || number is < 1 or > 10000)
        {
            await DrainAsync(context);
            await ErrorAsync(context, outcome, 400, "InvalidArgument", "Part number must be an integer between 1 and 10000.", request.Key);
            return;
        }

        Body body = await ReadBodyAsync(context, fault == FaultKind.CorruptStoredBody);
        upload.Parts[number] = new StoredPart(number, body.Length, body.Crc, ETagOf(body.Crc), body.Bytes);
        WriteSuccessHeaders(context, body.Crc, fault);
        context.Response.Headers.ETag = ETagOf(body.Crc);
        outcome.Status = 200;
    }

    private async Task CompleteAsync(HttpContext context, IncomingRequest request, FaultKind? fault, Outcome outcome)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        string xml = await reader.ReadToEndAsync(context.RequestAborted);
        string uploadId = request.QueryValue("uploadId") ?? "";
        PendingUpload? upload = Store.FindUpload(uploadId, request.Key);
        if (upload is null)
        {
            await ErrorAsync(context, outcome, 404, "NoSuchUpload", "The specified upload does not exist.", request.Key);
            return;
        }

        if (fault == FaultKind.CompleteReturnsError && Options.Provider == EmulatedProvider.Cos)
        {
            // COS answers Complete with 200 at once and may report the failure in the body; nothing is completed.
            outcome.ErrorCode = "InternalError";
            await XmlAsync(context, outcome, 200, ErrorElement("InternalError", "We encountered an internal error. Please try again.", request.Key));
            return;
        }

        List<(int Number, string ETag)> listed;
        try
        {
            listed = XDocument.Parse(xml).Root!.Elements("Part")
                .Select(p => (int.Parse(p.Element("PartNumber")!.Value, CultureInfo.InvariantCulture), p.Element("ETag")!.Value)).ToList();
        }
        catch (Exception e) when (e is System.Xml.XmlException or NullReferenceException or FormatException)
        {
            await ErrorAsync(context, outcome, 400, "MalformedXML", "The XML you provided was not well-formed.", request.Key);
            return;
        }

        string? problem = ValidateParts(upload, listed, out string code);
        if (problem is not null)
        {
            await ErrorAsync(context, outcome, 400, code, problem, request.Key);
            return;
        }

        List<StoredPart> parts = listed.Select(p => upload.Parts[p.Number]).ToList();
        byte[]? bytes = Options.KeepObjectBytes ? parts.SelectMany(p => p.Bytes!).ToArray() : null;
        ulong crc = parts.Aggregate(0UL, (acc, p) => Crc64Xz.Combine(acc, p.Crc64, p.Length));
        if (fault == FaultKind.CorruptStoredBody)
        {
            crc = Corrupt(bytes, crc);
        }

        string etag = "\"" + Crc64XzFormat.ToHexString(crc) + "-" + parts.Count.ToString(CultureInfo.InvariantCulture) + "\"";
        Store.Put(new StoredObject(request.Key, parts.Sum(p => p.Length), crc, etag, bytes));
        Store.RemoveUpload(uploadId);
        WriteSuccessHeaders(context, crc, fault);
        await XmlAsync(context, outcome, 200, new XElement("CompleteMultipartUploadResult",
            new XElement("Location", Url + "/" + request.Key), new XElement("Bucket", Options.Bucket),
            new XElement("Key", request.Key), new XElement("ETag", etag)));
    }

    private string? ValidateParts(PendingUpload upload, List<(int Number, string ETag)> listed, out string code)
    {
        code = "InvalidPart";
        if (listed.Count == 0)
        {
            code = "MalformedXML";
            return "The XML you provided lists no parts.";
        }

        for (int i = 0; i < listed.Count; i++)
        {
            if (i > 0 && listed[i].Number <= listed[i - 1].Number)
            {
                code = "InvalidPartOrder";
                return "The list of parts was not in ascending order.";
            }

            if (!upload.Parts.TryGetValue(listed[i].Number, out StoredPart? part) || part.ETag != listed[i].ETag)
            {
                return $"Part {listed[i].Number} could not be found or its ETag does not match.";
            }

            if (i < listed.Count - 1 && part.Length < Options.EffectiveMinimumPartSize)
            {
                code = "EntityTooSmall";
                return $"Part {listed[i].Number} is {part.Length} bytes, below the minimum of {Options.EffectiveMinimumPartSize}.";
            }
        }

        return null;
    }

    private async Task AbortAsync(HttpContext context, IncomingRequest request, Outcome outcome)
    {
        string uploadId = request.QueryValue("uploadId") ?? "";
        if (Store.FindUpload(uploadId, request.Key) is null || !Store.RemoveUpload(uploadId))
        {
            await ErrorAsync(context, outcome, 404, "NoSuchUpload", "The specified upload does not exist.", request.Key);
            return;
        }

        context.Response.StatusCode = 204;
        context.Response.Headers[Prefix + "request-id"] = NewRequestId();
        outcome.Status = 204;
    }

    private async Task ListPartsAsync(HttpContext context, IncomingRequest request, Outcome outcome)
    {
        PendingUpload? upload = Store.FindUpload(request.QueryValue("uploadId") ?? "", request.Key);
        if (upload is null)
        {
            await ErrorAsync(context, outcome, 404, "NoSuchUpload", "The specified upload does not exist.", request.Key);
            return;
        }

        var root = new XElement("ListPartsResult", new XElement("Bucket", Options.Bucket), new XElement("Key", request.Key),
            new XElement("UploadId", upload.UploadId));
        foreach (StoredPart part in upload.Parts.Values.OrderBy(p => p.PartNumber))
        {
            var element = new XElement("Part", new XElement("PartNumber", part.PartNumber), new XElement("ETag", part.ETag),
                new XElement("Size", part.Length));
            if (Options.Provider == EmulatedProvider.Oss)
            {
                element.Add(new XElement("HashCrc64ecma", Crc64XzFormat.ToDecimalString(part.Crc64)));
            }

            root.Add(element);
        }

        await XmlAsync(context, outcome, 200, root);
    }

    private async Task ReadObjectAsync(HttpContext context, IncomingRequest request, FaultStage stage, FaultKind? fault, Outcome outcome)
    {
        StoredObject? stored = Store.Get(request.Key);
        if (stored is null)
        {
            if (stage == FaultStage.Head)
            {
                context.Response.StatusCode = 404;
                context.Response.Headers[Prefix + "request-id"] = NewRequestId();
                outcome.Status = 404;
                return;
            }

            await ErrorAsync(context, outcome, 404, "NoSuchKey", "The specified key does not exist.", request.Key);
            return;
        }

        WriteSuccessHeaders(context, stored.Crc64, fault);
        context.Response.Headers.ETag = stored.ETag;
        context.Response.ContentLength = stored.Length;
        context.Response.ContentType = "application/octet-stream";
        outcome.Status = 200;
        if (stage == FaultStage.Get)
        {
            if (stored.Bytes is null)
            {
                throw new InvalidOperationException("This emulator was started without KeepObjectBytes; GET is unavailable.");
            }

            await context.Response.Body.WriteAsync(stored.Bytes, context.RequestAborted);
        }
    }

    private void WriteSuccessHeaders(HttpContext context, ulong crc, FaultKind? fault)
    {
        context.Response.Headers[Prefix + "request-id"] = NewRequestId();
        if (fault == FaultKind.MissingCrcHeader)
        {
            return;
        }

        ulong shown = fault == FaultKind.WrongCrcHeader ? crc ^ 1 : crc;
        context.Response.Headers[Prefix + "hash-crc64ecma"] = Crc64XzFormat.ToDecimalString(shown);
    }

    private async Task<Body> ReadBodyAsync(HttpContext context, bool corrupt)
    {
        var crc = new Crc64Xz();
        MemoryStream? kept = Options.KeepObjectBytes ? new MemoryStream() : null;
        byte[] chunk = new byte[81920];
        int read;
        while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
        {
            crc.Append(chunk.AsSpan(0, read));
            kept?.Write(chunk, 0, read);
        }

        byte[]? bytes = kept?.ToArray();
        ulong value = crc.GetCurrentHashAsUInt64();
        if (corrupt)
        {
            value = Corrupt(bytes, value);
        }

        return new Body(bytes, crc.Length, value);
    }

    /// <summary>Flips one bit in the middle of the stored bytes and returns their (now different) CRC.</summary>
    private static ulong Corrupt(byte[]? bytes, ulong crc)
    {
        if (bytes is null || bytes.Length == 0)
        {
            return crc ^ 0x8000_0000_0000_0000UL;
        }

        bytes[bytes.Length / 2] ^= 0x01;
        return Crc64Xz.Hash(bytes);
    }

    private static async Task DrainAsync(HttpContext context)
    {
        byte[] chunk = new byte[81920];
        while (await context.Request.Body.ReadAsync(chunk, context.RequestAborted) > 0)
        {
        }
    }

    private async Task ErrorAsync(HttpContext context, Outcome outcome, int status, string code, string message, string key)
    {
        outcome.ErrorCode = code;
        if (Options.Provider == EmulatedProvider.Oss)
        {
            context.Response.Headers["x-oss-ec"] = "0000-00000000";
        }

        await XmlAsync(context, outcome, status, ErrorElement(code, message, key));
    }

    private XElement ErrorElement(string code, string message, string key)
    {
        string requestId = NewRequestId();
        return Options.Provider == EmulatedProvider.Cos
            ? new XElement("Error", new XElement("Code", code), new XElement("Message", message), new XElement("Resource", Options.Bucket + "/" + key),
                new XElement("RequestId", requestId), new XElement("TraceId", Guid.NewGuid().ToString("N")))
            : new XElement("Error", new XElement("Code", code), new XElement("Message", message), new XElement("RequestId", requestId),
                new XElement("HostId", Options.Bucket + ".emulator"), new XElement("EC", "0000-00000000"));
    }

    private async Task XmlAsync(HttpContext context, Outcome outcome, int status, XElement root)
    {
        outcome.Status = status;
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/xml";
        if (!context.Response.Headers.ContainsKey(Prefix + "request-id"))
        {
            context.Response.Headers[Prefix + "request-id"] = root.Element("RequestId")?.Value ?? NewRequestId();
        }

        byte[] bytes = Encoding.UTF8.GetBytes("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + root.ToString(SaveOptions.DisableFormatting));
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes, context.RequestAborted);
    }

    private static string ETagOf(ulong crc) => "\"" + Crc64XzFormat.ToHexString(crc) + "\"";

    private static string NewRequestId() => "EMU" + Guid.NewGuid().ToString("N").ToUpperInvariant();

    private sealed record Body(byte[]? Bytes, long Length, ulong Crc);

    private sealed class Outcome
    {
        public int Status { get; set; }

        public string? ErrorCode { get; set; }
    }
}
