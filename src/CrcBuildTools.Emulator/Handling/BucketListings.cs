using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using System.Xml.Linq;
using CrcBuildTools.Hashing;

namespace CrcBuildTools.Emulator;

/// <summary>
/// The listings: objects in COS's GET Bucket / OSS's ListObjects dialect (<c>marker</c>) and OSS's ListObjectsV2
/// (<c>list-type=2</c>, <c>continuation-token</c>), unfinished multipart uploads, and the parts of one upload.
/// Like the services, no listing carries a CRC-64.
/// </summary>
internal static class BucketListings
{
    public static async Task ListObjectsAsync(Exchange x, bool v2)
    {
        if (await TryPageSizeAsync(x, "max-keys", x.IsOss ? 100 : 1000) is not int max)
        {
            return;
        }

        string prefix = x.Request.QueryValue("prefix") ?? "";
        string? delimiter = x.Request.QueryValue("delimiter");
        string? marker = x.Request.QueryValue(v2 ? "start-after" : "marker");
        string? token = v2 ? x.Request.QueryValue("continuation-token") : null;
        if (token is not null)
        {
            // A continuation token wins over start-after, as at the service.
            if (!TryDecodeToken(token, out marker))
            {
                await x.ErrorAsync(400, "InvalidArgument", "The continuation token provided is incorrect.");
                return;
            }
        }

        ListingPage<StoredObject> page = ListingPage.Compute(x.Store.Objects, o => o.Key, prefix, delimiter,
            o => marker is not null && string.CompareOrdinal(o.Key, marker) <= 0, marker, max);
        Func<string, string> enc = Encoder(x);
        bool owner = !v2 || x.Request.QueryValue("fetch-owner") == "true";
        var root = new XElement("ListBucketResult", new XElement("Name", x.Options.Bucket));
        if (x.Request.QueryValue("encoding-type") is { } encoding)
        {
            root.Add(new XElement("EncodingType", encoding));
        }

        root.Add(new XElement("Prefix", enc(prefix)));
        if (v2)
        {
            if (token is not null)
            {
                root.Add(new XElement("ContinuationToken", token));
            }

            if (x.Request.QueryValue("start-after") is { } startAfter)
            {
                root.Add(new XElement("StartAfter", enc(startAfter)));
            }
        }
        else
        {
            root.Add(new XElement("Marker", enc(marker ?? "")));
        }

        root.Add(new XElement("MaxKeys", max));
        if (delimiter is not null)
        {
            root.Add(new XElement("Delimiter", enc(delimiter)));
        }

        root.Add(new XElement("IsTruncated", page.IsTruncated ? "true" : "false"));
        string? next = page.NextMarker(o => o.Key);
        if (next is not null)
        {
            root.Add(v2 ? new XElement("NextContinuationToken", EncodeToken(next)) : new XElement("NextMarker", enc(next)));
        }

        if (v2)
        {
            root.Add(new XElement("KeyCount", page.Items.Count + page.CommonPrefixes.Count));
        }

        foreach (StoredObject o in page.Items)
        {
            var contents = new XElement("Contents", new XElement("Key", enc(o.Key)), new XElement("LastModified", ServiceTime.Xml(o.LastModified)),
                new XElement("ETag", o.ETag));
            if (x.IsOss)
            {
                contents.Add(new XElement("Type", o.PartCount > 0 ? "Multipart" : "Normal"));
            }

            contents.Add(new XElement("Size", o.Length), new XElement("StorageClass", x.IsOss ? "Standard" : "STANDARD"));
            if (owner)
            {
                contents.Add(Owner(x, "Owner"));
            }

            root.Add(contents);
        }

        root.Add(page.CommonPrefixes.Select(p => new XElement("CommonPrefixes", new XElement("Prefix", enc(p)))));
        await x.XmlAsync(200, root);
    }

    public static async Task ListMultipartUploadsAsync(Exchange x)
    {
        if (await TryPageSizeAsync(x, "max-uploads", 1000) is not int max)
        {
            return;
        }

        string prefix = x.Request.QueryValue("prefix") ?? "";
        string? delimiter = x.Request.QueryValue("delimiter");
        string keyMarker = x.Request.QueryValue("key-marker") ?? "";
        string uploadIdMarker = x.Request.QueryValue("upload-id-marker") ?? "";
        List<PendingUpload> uploads = x.Store.Uploads.ToList();

        // S3's rule, which both follow: after key-marker alone, every upload of that key is skipped; with an
        // upload-id-marker too, only those up to and including that upload.
        int markerIndex = uploadIdMarker.Length == 0 ? -1 : uploads.FindIndex(u => u.Key == keyMarker && u.UploadId == uploadIdMarker);
        bool AlreadyListed(PendingUpload u)
        {
            int order = string.CompareOrdinal(u.Key, keyMarker);
            return keyMarker.Length > 0 && (order < 0 || (order == 0 && (markerIndex < 0 || uploads.IndexOf(u) <= markerIndex)));
        }

        ListingPage<PendingUpload> page = ListingPage.Compute(uploads, u => u.Key, prefix, delimiter, AlreadyListed,
            keyMarker.Length > 0 ? keyMarker : null, max);
        Func<string, string> enc = Encoder(x);
        var root = new XElement("ListMultipartUploadsResult", new XElement("Bucket", x.Options.Bucket));
        if (x.Request.QueryValue("encoding-type") is { } encoding)
        {
            root.Add(new XElement(x.IsOss ? "EncodingType" : "Encoding-Type", encoding));
        }

        root.Add(new XElement("KeyMarker", enc(keyMarker)), new XElement("UploadIdMarker", uploadIdMarker),
            new XElement("NextKeyMarker", page.IsTruncated ? enc(page.NextMarker(u => u.Key) ?? "") : ""),
            new XElement("NextUploadIdMarker", page.IsTruncated && page.LastPrefix is null ? page.LastItem?.UploadId ?? "" : ""),
            new XElement("Delimiter", enc(delimiter ?? "")), new XElement("Prefix", enc(prefix)), new XElement("MaxUploads", max),
            new XElement("IsTruncated", page.IsTruncated ? "true" : "false"));
        foreach (PendingUpload u in page.Items)
        {
            var element = new XElement("Upload", new XElement("Key", enc(u.Key)), new XElement("UploadId", u.UploadId),
                new XElement("StorageClass", x.IsOss ? "Standard" : "STANDARD"));
            if (!x.IsOss)
            {
                element.Add(Owner(x, "Initiator"), Owner(x, "Owner"));
            }

            element.Add(new XElement("Initiated", ServiceTime.Xml(u.Initiated)));
            root.Add(element);
        }

        root.Add(page.CommonPrefixes.Select(p => new XElement("CommonPrefixes", new XElement("Prefix", enc(p)))));
        await x.XmlAsync(200, root);
    }

    public static async Task ListPartsAsync(Exchange x)
    {
        PendingUpload? upload = x.Store.FindUpload(x.Request.QueryValue("uploadId") ?? "", x.Request.Key);
        if (upload is null)
        {
            await x.ErrorAsync(404, "NoSuchUpload", "The specified upload does not exist.");
            return;
        }

        if (await TryPageSizeAsync(x, "max-parts", 1000) is not int max)
        {
            return;
        }

        int marker = int.TryParse(x.Request.QueryValue("part-number-marker"), NumberStyles.None, CultureInfo.InvariantCulture, out int m) ? m : 0;
        List<StoredPart> after = upload.Parts.Values.Where(p => p.PartNumber > marker).OrderBy(p => p.PartNumber).ToList();
        List<StoredPart> page = after.Take(max).ToList();
        bool truncated = after.Count > page.Count;
        var root = new XElement("ListPartsResult", new XElement("Bucket", x.Options.Bucket), new XElement("Key", x.Request.Key),
            new XElement("UploadId", upload.UploadId));
        if (!x.IsOss)
        {
            root.Add(Owner(x, "Initiator"), Owner(x, "Owner"), new XElement("StorageClass", "STANDARD"));
        }

        root.Add(new XElement("PartNumberMarker", marker), new XElement("NextPartNumberMarker", page.Count > 0 ? page[^1].PartNumber : marker),
            new XElement("MaxParts", max), new XElement("IsTruncated", truncated ? "true" : "false"));
        foreach (StoredPart part in page)
        {
            var element = new XElement("Part", new XElement("PartNumber", part.PartNumber), new XElement("LastModified", ServiceTime.Xml(part.LastModified)),
                new XElement("ETag", part.ETag));
            if (x.IsOss)
            {
                // OSS lists each part's CRC-64; COS does not.
                element.Add(new XElement("HashCrc64ecma", Crc64XzFormat.ToDecimalString(part.Crc64)));
            }

            element.Add(new XElement("Size", part.Length));
            root.Add(element);
        }

        await x.XmlAsync(200, root);
    }

    private static async Task<int?> TryPageSizeAsync(Exchange x, string parameter, int fallback)
    {
        string? text = x.Request.QueryValue(parameter);
        if (text is null)
        {
            return fallback;
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value) || (x.IsOss && value is < 1 or > 1000))
        {
            await x.ErrorAsync(400, "InvalidArgument", $"{parameter} must be an integer between 1 and 1000.");
            return null;
        }

        // COS caps an oversized page instead of refusing it.
        return Math.Min(value, 1000);
    }

    private static XElement Owner(Exchange x, string name)
    {
        // COS owners are CAM principals named by the account's APPID, the bucket's suffix.
        string id = x.IsOss ? "emulator-owner" : x.Options.Bucket[(x.Options.Bucket.LastIndexOf('-') + 1)..];
        return new XElement(name, new XElement("ID", id), new XElement("DisplayName", id));
    }

    private static Func<string, string> Encoder(Exchange x) =>
        x.Request.QueryValue("encoding-type") == "url" ? Uri.EscapeDataString : s => s;

    private static string EncodeToken(string marker) => Convert.ToBase64String(Encoding.UTF8.GetBytes(marker));

    private static bool TryDecodeToken(string token, out string? marker)
    {
        try
        {
            marker = Encoding.UTF8.GetString(Convert.FromBase64String(token));
            return true;
        }
        catch (FormatException)
        {
            marker = null;
            return false;
        }
    }
}
