using System.Xml;
using System.Xml.Linq;

namespace CrcBuildTools.ObjectStorage.Xml;

/// <summary>The vendor error body (<c>&lt;Error&gt;&lt;Code/&gt;&lt;Message/&gt;&lt;RequestId/&gt;...</c>), parsed leniently.</summary>
internal sealed record ServiceError(string? Code, string? Message, string? RequestId)
{
    /// <summary>Returns the error in <paramref name="body"/>, or null when the body is not an <c>&lt;Error&gt;</c> document.</summary>
    public static ServiceError? TryParse(byte[] body)
    {
        if (body.Length == 0)
        {
            return null;
        }

        XElement? root = XmlBody.TryParseRoot(body, "Error");
        return root is null ? null : new ServiceError(XmlBody.Child(root, "Code"), XmlBody.Child(root, "Message"), XmlBody.Child(root, "RequestId"));
    }
}
