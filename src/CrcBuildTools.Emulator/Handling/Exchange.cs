using System;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Tasks;
using System.Xml.Linq;
using CrcBuildTools.Hashing;
using Microsoft.AspNetCore.Http;

namespace CrcBuildTools.Emulator;

/// <summary>
/// One request and its answer: what it is, the fault it carries, and the ways to answer it as the service would
/// (request id header, error XML in the provider's shape, no body on HEAD).
/// </summary>
internal sealed class Exchange
{
    public Exchange(HttpContext http, IncomingRequest request, ClassifiedRequest classified, FaultKind? fault, StorageEmulatorServer server)
    {
        Http = http;
        Request = request;
        Classified = classified;
        Fault = fault;
        Server = server;
        RequestId = "EMU" + Guid.NewGuid().ToString("N").ToUpperInvariant();
    }

    public HttpContext Http { get; }

    public IncomingRequest Request { get; }

    public ClassifiedRequest Classified { get; }

    public FaultKind? Fault { get; }

    public StorageEmulatorServer Server { get; }

    public EmulatorOptions Options => Server.Options;

    public ObjectStore Store => Server.Store;

    public string Prefix => Options.HeaderPrefix;

    public bool IsOss => Options.Provider == EmulatedProvider.Oss;

    public string RequestId { get; }

    public int Status { get; set; }

    public string? ErrorCode { get; private set; }

    public HttpResponse Response => Http.Response;

    public DateTimeOffset Now => ServiceTime.Truncate(Server.Clock());

    /// <summary>Status and request id only: HEAD answers, 204s, 304s.</summary>
    public void Bare(int status)
    {
        Status = status;
        Response.StatusCode = status;
        Response.Headers[Prefix + "request-id"] = RequestId;
    }

    /// <summary>An error as the service sends it: the XML body (none on HEAD), the request id, and OSS's x-oss-ec.</summary>
    public async Task ErrorAsync(int status, string code, string message)
    {
        ErrorCode = code;
        if (IsOss)
        {
            Response.Headers["x-oss-ec"] = "0000-00000000";
        }

        if (Request.Method == "HEAD")
        {
            Bare(status);
            return;
        }

        await XmlAsync(status, ErrorElement(code, message));
    }

    /// <summary>COS's 200-with-Error Complete: the error body with a success status.</summary>
    public Task ErrorIn200Async(string code, string message)
    {
        ErrorCode = code;
        return XmlAsync(200, ErrorElement(code, message));
    }

    public async Task XmlAsync(int status, XElement root)
    {
        Bare(status);
        Response.ContentType = "application/xml";
        byte[] bytes = Encoding.UTF8.GetBytes("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + root.ToString(SaveOptions.DisableFormatting));
        Response.ContentLength = bytes.Length;
        await Response.Body.WriteAsync(bytes, Http.RequestAborted);
    }

    public void WriteCrcHeader(ulong crc, bool hasHeader = true)
    {
        if (!hasHeader || Fault == FaultKind.MissingCrcHeader)
        {
            return;
        }

        ulong shown = Fault == FaultKind.WrongCrcHeader ? crc ^ 1 : crc;
        Response.Headers[Prefix + "hash-crc64ecma"] = Crc64XzFormat.ToDecimalString(shown);
    }

    public async Task DrainAsync()
    {
        byte[] chunk = new byte[81920];
        while (await Http.Request.Body.ReadAsync(chunk, Http.RequestAborted) > 0)
        {
        }
    }

    /// <summary>Reads the body once: CRC always, MD5 unless in lean mode, the bytes unless in lean mode.</summary>
    public async Task<ReceivedBody> ReadBodyAsync()
    {
        var crc = new Crc64Xz();
        using IncrementalHash? md5 = Options.KeepObjectBytes || Request.Header("content-md5") is not null
            ? IncrementalHash.CreateHash(HashAlgorithmName.MD5)
            : null;

        // Sized from Content-Length when there is one, so a 1 GiB PUT costs 1 GiB, not the doublings of a growing stream.
        long? announced = Http.Request.ContentLength;
        MemoryStream? kept = !Options.KeepObjectBytes ? null
            : announced is > 0 and <= int.MaxValue ? new MemoryStream((int)announced.Value)
            : new MemoryStream();
        byte[] chunk = new byte[81920];
        int read;
        while ((read = await Http.Request.Body.ReadAsync(chunk, Http.RequestAborted)) > 0)
        {
            crc.Append(chunk.AsSpan(0, read));
            md5?.AppendData(chunk, 0, read);
            kept?.Write(chunk, 0, read);
        }

        byte[]? bytes = kept is null ? null : kept.Capacity == kept.Length ? kept.GetBuffer() : kept.ToArray();
        return new ReceivedBody(bytes, crc.Length, crc.GetCurrentHashAsUInt64(), md5?.GetHashAndReset());
    }

    public XElement ErrorElement(string code, string message) => IsOss
        ? new XElement("Error", new XElement("Code", code), new XElement("Message", message), new XElement("RequestId", RequestId),
            new XElement("HostId", Options.Bucket + ".emulator"), new XElement("EC", "0000-00000000"))
        : new XElement("Error", new XElement("Code", code), new XElement("Message", message),
            new XElement("Resource", Options.Bucket + "/" + Request.Key), new XElement("RequestId", RequestId),
            new XElement("TraceId", Guid.NewGuid().ToString("N")));
}

/// <summary>A request body as received: bytes (unless lean), length, CRC-64, MD5 (unless lean and not asked for).</summary>
internal sealed record ReceivedBody(byte[]? Bytes, long Length, ulong Crc, byte[]? Md5);
