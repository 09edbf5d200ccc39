using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace CrcBuildTools.ObjectStorage.Xml;

/// <summary>Reading the services' XML answers: DTDs refused (the body comes from the network), names matched locally.</summary>
internal static class XmlBody
{
    public static XElement Parse(byte[] body)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };
        using var stream = new System.IO.MemoryStream(body);
        using var reader = XmlReader.Create(stream, settings);
        return XDocument.Load(reader).Root ?? throw new XmlException("The document has no root element.");
    }

    /// <summary>The root when it is named <paramref name="rootName"/>, else null; malformed XML is null too.</summary>
    public static XElement? TryParseRoot(byte[] body, string rootName)
    {
        try
        {
            XElement root = Parse(body);
            return root.Name.LocalName == rootName ? root : null;
        }
        catch (XmlException)
        {
            return null;
        }
    }

    public static string? Child(XElement parent, string name) => Element(parent, name)?.Value;

    public static XElement? Element(XElement parent, string name) =>
        parent.Elements().FirstOrDefault(child => child.Name.LocalName == name);

    public static IEnumerable<XElement> Elements(XElement parent, string name) =>
        parent.Elements().Where(child => child.Name.LocalName == name);

    /// <summary>A short, printable excerpt of a body that is not the XML we expected.</summary>
    public static string Excerpt(byte[] body)
    {
        string text = Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 200));
        var printable = new StringBuilder(text.Length);
        foreach (char c in text)
        {
            printable.Append(char.IsControl(c) ? ' ' : c);
        }

        return printable.ToString();
    }
}
