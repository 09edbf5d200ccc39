using System;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace CrcBuildTools.ObjectStorage.Http;

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

        try
        {
            XElement root = ParseXml(body);
            if (root.Name.LocalName != "Error")
            {
                return null;
            }

            return new ServiceError(Child(root, "Code"), Child(root, "Message"), Child(root, "RequestId"));
        }
        catch (XmlException)
        {
            return null;
        }
    }

    /// <summary>Parses XML with DTDs refused: the body comes from the network.</summary>
    public static XElement ParseXml(byte[] body)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };
        using var stream = new System.IO.MemoryStream(body);
        using var reader = XmlReader.Create(stream, settings);
        return XDocument.Load(reader).Root ?? throw new XmlException("The document has no root element.");
    }

    public static string? Child(XElement parent, string name)
    {
        foreach (XElement child in parent.Elements())
        {
            if (child.Name.LocalName == name)
            {
                return child.Value;
            }
        }

        return null;
    }

    /// <summary>A short, printable excerpt of a body that is not the XML we expected.</summary>
    public static string Excerpt(byte[] body)
    {
        string text = Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 200));
        return text.Replace('\r', ' ').Replace('\n', ' ');
    }
}
