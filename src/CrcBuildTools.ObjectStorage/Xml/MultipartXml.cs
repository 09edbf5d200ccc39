using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Security;
using System.Text;
using System.Xml.Linq;
using CrcBuildTools.Hashing;

namespace CrcBuildTools.ObjectStorage.Xml;

/// <summary>The multipart request and answer bodies: Initiate's upload id, Complete's part list and result, List Parts.</summary>
internal static class MultipartXml
{
    public static byte[] CompleteRequest(IEnumerable<MultipartPart> parts)
    {
        var xml = new StringBuilder("<CompleteMultipartUpload>");
        foreach (MultipartPart part in parts.OrderBy(p => p.PartNumber))
        {
            xml.Append("<Part><PartNumber>").Append(part.PartNumber.ToString(CultureInfo.InvariantCulture))
               .Append("</PartNumber><ETag>").Append(SecurityElement.Escape(part.ETag)).Append("</ETag></Part>");
        }

        return Encoding.UTF8.GetBytes(xml.Append("</CompleteMultipartUpload>").ToString());
    }

    public static string? UploadId(byte[] body) =>
        XmlBody.TryParseRoot(body, "InitiateMultipartUploadResult") is XElement root ? XmlBody.Child(root, "UploadId") : null;

    public static string? CompletedETag(byte[] body) =>
        XmlBody.TryParseRoot(body, "CompleteMultipartUploadResult") is XElement root ? XmlBody.Child(root, "ETag") : null;

    /// <exception cref="FormatException">The body is not a ListPartsResult.</exception>
    public static IReadOnlyList<MultipartPart> Parts(byte[] body)
    {
        XElement root = XmlBody.TryParseRoot(body, "ListPartsResult") ?? throw new FormatException("not a ListPartsResult");
        return XmlBody.Elements(root, "Part").Select(part => new MultipartPart(
            int.Parse(XmlBody.Child(part, "PartNumber") ?? "", NumberStyles.None, CultureInfo.InvariantCulture),
            XmlBody.Child(part, "ETag") ?? "",
            long.Parse(XmlBody.Child(part, "Size") ?? "0", NumberStyles.None, CultureInfo.InvariantCulture),
            XmlBody.Child(part, "HashCrc64ecma") is string crc ? Crc64XzFormat.Parse(crc) : null)).ToList();
    }
}
