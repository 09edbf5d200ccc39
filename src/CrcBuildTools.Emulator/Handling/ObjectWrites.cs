using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Tasks;
using System.Xml.Linq;
using CrcBuildTools.Hashing;

namespace CrcBuildTools.Emulator;

/// <summary>PUT Object and the multipart upload: initiate, upload part, complete, abort.</summary>
internal static class ObjectWrites
{
    public static async Task PutObjectAsync(Exchange x)
    {
        ReceivedBody body = await x.ReadBodyAsync();
        if (await RefusedDigestAsync(x, body))
        {
            return;
        }

        if (x.IsOss && string.Equals(x.Request.Header("x-oss-forbid-overwrite"), "true", StringComparison.OrdinalIgnoreCase) &&
            x.Store.Get(x.Request.Key) is not null)
        {
            await x.ErrorAsync(409, "FileAlreadyExists", "The object you specified already exists and can not be overwritten.");
            return;
        }

        (byte[]? bytes, ulong crc, _, string etag) = Kept(x, body);
        x.Store.Put(new StoredObject(x.Request.Key, body.Length, crc, etag, bytes)
        {
            LastModified = x.Now,
            Headers = StoredHeaders.From(x.Request.Headers, x.Prefix),
        });
        x.Bare(200);
        x.WriteCrcHeader(crc);
        x.Response.Headers.ETag = etag;
    }

    public static async Task InitiateAsync(Exchange x)
    {
        await x.DrainAsync();
        PendingUpload upload = x.Store.StartUpload(x.Request.Key, StoredHeaders.From(x.Request.Headers, x.Prefix));
        await x.XmlAsync(200, new XElement("InitiateMultipartUploadResult",
            new XElement("Bucket", x.Options.Bucket), new XElement("Key", x.Request.Key), new XElement("UploadId", upload.UploadId)));
    }

    public static async Task UploadPartAsync(Exchange x)
    {
        PendingUpload? upload = x.Store.FindUpload(x.Request.QueryValue("uploadId") ?? "", x.Request.Key);
        if (upload is null)
        {
            await x.DrainAsync();
            await x.ErrorAsync(404, "NoSuchUpload", "The specified upload does not exist.");
            return;
        }

        if (!int.TryParse(x.Request.QueryValue("partNumber"), NumberStyles.None, CultureInfo.InvariantCulture, out int number) || number is < 1 or > 10000)
        {
            await x.DrainAsync();
            await x.ErrorAsync(400, "InvalidArgument", "Part number must be an integer between 1 and 10000.");
            return;
        }

        ReceivedBody body = await x.ReadBodyAsync();
        if (await RefusedDigestAsync(x, body))
        {
            return;
        }

        (byte[]? bytes, ulong crc, byte[]? md5, string etag) = Kept(x, body);
        upload.Parts[number] = new StoredPart(number, body.Length, crc, etag, bytes) { Md5 = x.Options.KeepObjectBytes ? md5 : null, LastModified = x.Now };
        x.Bare(200);
        x.WriteCrcHeader(crc);
        x.Response.Headers.ETag = etag;
    }

    public static async Task CompleteAsync(Exchange x)
    {
        using var reader = new StreamReader(x.Http.Request.Body, Encoding.UTF8);
        string xml = await reader.ReadToEndAsync(x.Http.RequestAborted);
        string uploadId = x.Request.QueryValue("uploadId") ?? "";
        PendingUpload? upload = x.Store.FindUpload(uploadId, x.Request.Key);
        if (upload is null)
        {
            await x.ErrorAsync(404, "NoSuchUpload", "The specified upload does not exist.");
            return;
        }

        if (x.Fault == FaultKind.CompleteReturnsError && !x.IsOss)
        {
            // COS answers Complete with 200 at once and may report the failure in the body; nothing is completed.
            await x.ErrorIn200Async("InternalError", "We encountered an internal error. Please try again.");
            return;
        }

        List<(int Number, string ETag)> listed;
        try
        {
            listed = XDocument.Parse(xml).Root!.Elements("Part")
                .Select(p => (int.Parse(p.Element("PartNumber")!.Value, CultureInfo.InvariantCulture), p.Element("ETag")!.Value)).ToList();
        }
        catch (Exception e) when (e is System.Xml.XmlException or NullReferenceException or FormatException or OverflowException)
        {
            await x.ErrorAsync(400, "MalformedXML", "The XML you provided was not well-formed or did not validate against our published schema.");
            return;
        }

        string? problem = ValidateParts(x.Options, upload, listed, out string code);
        if (problem is not null)
        {
            await x.ErrorAsync(400, code, problem);
            return;
        }

        List<StoredPart> parts = listed.Select(p => upload.Parts[p.Number]).ToList();
        byte[]? bytes = x.Options.KeepObjectBytes ? parts.SelectMany(p => p.Bytes!).ToArray() : null;
        ulong crc = parts.Aggregate(0UL, (acc, p) => Crc64Xz.Combine(acc, p.Crc64, p.Length));
        if (x.Fault == FaultKind.CorruptStoredBody)
        {
            crc = Corrupt(bytes, crc);
        }

        string etag = x.Options.KeepObjectBytes
            ? ServiceETag.ForMultipart(parts.Select(p => p.Md5!).ToList(), x.Options.Provider)
            : ServiceETag.FromCrc(crc, parts.Count);
        x.Store.Put(new StoredObject(x.Request.Key, parts.Sum(p => p.Length), crc, etag, bytes)
        {
            LastModified = x.Now,
            Headers = upload.Headers,
            PartCount = parts.Count,
        });
        x.Store.RemoveUpload(uploadId);
        if (x.Fault == FaultKind.CompleteAnswerLost)
        {
            // Committed, but the client never hears so: status 0 records "no answer".
            x.Status = 0;
            x.Http.Abort();
            return;
        }

        x.Response.Headers[x.Prefix + "request-id"] = x.RequestId;
        x.WriteCrcHeader(crc);
        x.Response.Headers.ETag = etag;
        await x.XmlAsync(200, new XElement("CompleteMultipartUploadResult",
            new XElement("Location", x.Server.Url + "/" + x.Request.Key), new XElement("Bucket", x.Options.Bucket),
            new XElement("Key", x.Request.Key), new XElement("ETag", etag)));
    }

    public static async Task AbortAsync(Exchange x)
    {
        string uploadId = x.Request.QueryValue("uploadId") ?? "";
        if (x.Store.FindUpload(uploadId, x.Request.Key) is null || !x.Store.RemoveUpload(uploadId))
        {
            await x.ErrorAsync(404, "NoSuchUpload", "The specified upload does not exist.");
            return;
        }

        x.Bare(204);
    }

    private static string? ValidateParts(EmulatorOptions options, PendingUpload upload, List<(int Number, string ETag)> listed, out string code)
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

            // The services compare ETags without their quotes.
            if (!upload.Parts.TryGetValue(listed[i].Number, out StoredPart? part) ||
                !string.Equals(part.ETag.Trim('"'), listed[i].ETag.Trim().Trim('"'), StringComparison.OrdinalIgnoreCase))
            {
                return $"Part {listed[i].Number} could not be found or its ETag does not match.";
            }

            if (i < listed.Count - 1 && part.Length < options.EffectiveMinimumPartSize)
            {
                code = "EntityTooSmall";
                return $"Part {listed[i].Number} is {part.Length} bytes, below the minimum of {options.EffectiveMinimumPartSize}.";
            }
        }

        return null;
    }

    private static async Task<bool> RefusedDigestAsync(Exchange x, ReceivedBody body)
    {
        (string Code, string Message)? refused = ContentMd5.Check(x.Request.Header("content-md5"), body.Md5, x.Options.Provider);
        if (refused is null)
        {
            return false;
        }

        await x.ErrorAsync(400, refused.Value.Code, refused.Value.Message);
        return true;
    }

    /// <summary>What a PUT or a part stores: the body as received, or with one bit flipped for CorruptStoredBody; and its ETag.</summary>
    private static (byte[]? Bytes, ulong Crc, byte[]? Md5, string ETag) Kept(Exchange x, ReceivedBody body)
    {
        (byte[]? bytes, ulong crc, byte[]? md5) = (body.Bytes, body.Crc, body.Md5);
        if (x.Fault == FaultKind.CorruptStoredBody)
        {
            crc = Corrupt(bytes, crc);
            md5 = bytes is null ? md5 : MD5.HashData(bytes);
        }

        string etag = md5 is not null && x.Options.KeepObjectBytes ? ServiceETag.ForBody(md5, x.Options.Provider) : ServiceETag.FromCrc(crc, 0);
        return (bytes, crc, md5, etag);
    }

    /// <summary>Flips one bit in the middle of the stored bytes and returns their (now different) CRC.</summary>
    internal static ulong Corrupt(byte[]? bytes, ulong crc)
    {
        if (bytes is null || bytes.Length == 0)
        {
            return crc ^ 0x8000_0000_0000_0000UL;
        }

        bytes[bytes.Length / 2] ^= 0x01;
        return Crc64Xz.Hash(bytes);
    }
}
