using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace CrcBuildTools.Emulator;

/// <summary>
/// HEAD and GET Object: preconditions, ranges, the stored headers, and the CRC header of the WHOLE object, also on a
/// ranged GET (the services never send a range's CRC). Download faults act here.
/// </summary>
internal static class ObjectReads
{
    private static readonly (string Query, string Header)[] ResponseOverrides =
    {
        ("response-content-type", "Content-Type"), ("response-content-language", "Content-Language"),
        ("response-expires", "Expires"), ("response-cache-control", "Cache-Control"),
        ("response-content-disposition", "Content-Disposition"), ("response-content-encoding", "Content-Encoding"),
    };

    public static async Task ServeAsync(Exchange x)
    {
        bool head = x.Request.Method == "HEAD";
        StoredObject? stored = x.Store.Get(x.Request.Key);
        if (stored is null)
        {
            // A HEAD for a missing key is the ordinary "not there yet" answer (the uploader's skip check), not an error.
            if (head)
            {
                x.Bare(404);
                return;
            }

            await x.ErrorAsync(404, "NoSuchKey", "The specified key does not exist.");
            return;
        }

        if (!head && stored.Bytes is null)
        {
            await x.ErrorAsync(501, "NotImplemented", "This emulator keeps no object bytes (KeepObjectBytes is false), so GET is unavailable.");
            return;
        }

        switch (Preconditions.Evaluate(x.Request, stored))
        {
            case PreconditionOutcome.Failed:
                await x.ErrorAsync(412, "PreconditionFailed", "At least one of the preconditions you specified did not hold.");
                return;
            case PreconditionOutcome.NotModified:
                x.Bare(304);
                x.Response.Headers.ETag = stored.ETag;
                x.Response.Headers.LastModified = ServiceTime.Http(stored.LastModified);
                return;
        }

        bool standard = string.Equals(x.Request.Header("x-oss-range-behavior"), "standard", StringComparison.OrdinalIgnoreCase);
        ByteRange range = ByteRange.Resolve(x.Request.Header("range"), stored.Length, x.Options.Provider, standard);
        if (range.Outcome == ByteRangeOutcome.Unsatisfiable)
        {
            x.Response.Headers.ContentRange = "bytes */" + stored.Length.ToString(CultureInfo.InvariantCulture);
            await x.ErrorAsync(416, "InvalidRange", "The requested range cannot be satisfied.");
            return;
        }

        bool partial = range.Outcome == ByteRangeOutcome.Partial;
        long first = partial ? range.First : 0;
        long length = partial ? range.Length : stored.Length;
        x.Bare(partial ? 206 : 200);
        WriteObjectHeaders(x, stored, head);
        x.Response.ContentLength = length;
        if (partial)
        {
            x.Response.Headers.ContentRange = string.Create(CultureInfo.InvariantCulture, $"bytes {range.First}-{range.Last}/{stored.Length}");
        }

        if (!head)
        {
            await SendBodyAsync(x, stored.Bytes.AsMemory((int)first, (int)length));
        }
    }

    private static void WriteObjectHeaders(Exchange x, StoredObject stored, bool head)
    {
        IHeaderDictionary headers = x.Response.Headers;
        headers.ContentType = "application/octet-stream";
        foreach (KeyValuePair<string, string> header in stored.Headers)
        {
            headers[header.Key] = header.Value;
        }

        if (!head)
        {
            foreach ((string query, string header) in ResponseOverrides)
            {
                if (x.Request.QueryValue(query) is { } value)
                {
                    headers[header] = value;
                }
            }
        }

        headers.ETag = stored.ETag;
        headers.LastModified = ServiceTime.Http(stored.LastModified);
        headers.AcceptRanges = "bytes";
        if (x.IsOss)
        {
            headers["x-oss-object-type"] = stored.PartCount > 0 ? "Multipart" : "Normal";
            headers["x-oss-storage-class"] = "Standard";
        }

        x.WriteCrcHeader(stored.Crc64, stored.HasCrcHeader);
    }

    private static async Task SendBodyAsync(Exchange x, ReadOnlyMemory<byte> body)
    {
        switch (x.Fault)
        {
            case FaultKind.CorruptResponseBody when body.Length > 0:
                byte[] copy = body.ToArray();
                copy[copy.Length / 2] ^= 0x01;
                await x.Response.Body.WriteAsync(copy, x.Http.RequestAborted);
                return;
            case FaultKind.TruncatedBody:
                await TruncatedBody.SendAsync(x, body[..(body.Length / 2)]);
                return;
            case FaultKind.StalledBody:
                await x.Response.Body.WriteAsync(body[..(body.Length / 2)], x.Http.RequestAborted);
                await x.Response.Body.FlushAsync(x.Http.RequestAborted);
                await Task.Delay(x.Options.SlowAnswerDelay, x.Http.RequestAborted);
                await x.Response.Body.WriteAsync(body[(body.Length / 2)..], x.Http.RequestAborted);
                return;
            default:
                await x.Response.Body.WriteAsync(body, x.Http.RequestAborted);
                return;
        }
    }
}
