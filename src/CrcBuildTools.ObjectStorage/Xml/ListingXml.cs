using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Xml.Linq;

namespace CrcBuildTools.ObjectStorage.Xml;

/// <summary>One object of a bucket listing.</summary>
internal sealed record ListedObject(string Key, long Length, string? ETag);

/// <summary>A page of a listing and where the next page starts (null at the end).</summary>
internal sealed record ListingPage<T>(IReadOnlyList<T> Items, string? NextMarker, string? NextUploadIdMarker);

/// <summary>
/// Listing answers. COS's GET Bucket pages with <c>marker</c>/<c>NextMarker</c>, OSS's ListObjectsV2 with
/// <c>continuation-token</c>/<c>NextContinuationToken</c>; both answer a <c>ListBucketResult</c>.
/// ListMultipartUploads is the same on both.
/// </summary>
internal static class ListingXml
{
    /// <exception cref="FormatException">The body is not a ListBucketResult.</exception>
    public static ListingPage<ListedObject> Objects(byte[] body)
    {
        XElement root = XmlBody.TryParseRoot(body, "ListBucketResult") ?? throw new FormatException("not a ListBucketResult");
        var items = XmlBody.Elements(root, "Contents").Select(c => new ListedObject(
            XmlBody.Child(c, "Key") ?? throw new FormatException("Contents without Key"),
            long.Parse(XmlBody.Child(c, "Size") ?? "0", NumberStyles.None, CultureInfo.InvariantCulture),
            XmlBody.Child(c, "ETag"))).ToList();
        string? next = null;
        if (IsTruncated(root))
        {
            // V2 names its cursor NextContinuationToken; V1 NextMarker, which COS omits without a delimiter, so the
            // last key is the next marker then (the documented S3 V1 rule).
            next = XmlBody.Child(root, "NextContinuationToken") ?? XmlBody.Child(root, "NextMarker") ?? items.LastOrDefault()?.Key
                ?? throw new FormatException("a truncated listing without a cursor");
        }

        return new ListingPage<ListedObject>(items, next, null);
    }

    /// <exception cref="FormatException">The body is not a ListMultipartUploadsResult.</exception>
    public static ListingPage<UnfinishedUpload> Uploads(byte[] body)
    {
        XElement root = XmlBody.TryParseRoot(body, "ListMultipartUploadsResult") ?? throw new FormatException("not a ListMultipartUploadsResult");
        var items = XmlBody.Elements(root, "Upload").Select(u => new UnfinishedUpload(
            XmlBody.Child(u, "Key") ?? throw new FormatException("Upload without Key"),
            XmlBody.Child(u, "UploadId") ?? throw new FormatException("Upload without UploadId"),
            ParseTime(XmlBody.Child(u, "Initiated")))).ToList();
        if (!IsTruncated(root))
        {
            return new ListingPage<UnfinishedUpload>(items, null, null);
        }

        return new ListingPage<UnfinishedUpload>(items,
            XmlBody.Child(root, "NextKeyMarker") ?? throw new FormatException("a truncated listing without NextKeyMarker"),
            XmlBody.Child(root, "NextUploadIdMarker"));
    }

    private static bool IsTruncated(XElement root) =>
        string.Equals(XmlBody.Child(root, "IsTruncated"), "true", StringComparison.OrdinalIgnoreCase);

    private static DateTimeOffset? ParseTime(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out DateTimeOffset t)
            ? t
            : null;
}
