using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using CrcBuildTools.Hashing;

namespace CrcBuildTools.Manifests;

/// <summary>
/// A release channel pointer (<c>MyApp/channels/stable.json</c>): names the manifest of the release the channel
/// currently points to, with that manifest's length and CRC-64, so a downloader that follows "stable" without
/// knowing the version can check the manifest it fetches. Uploaded last of all, after the manifest.
/// </summary>
/// <remarks>
/// <see cref="ChannelKey"/> records where the pointer itself lives, so that a downloader given the pointer's URL on a
/// CDN or custom domain (which may map the bucket under a path) can find the bucket root the keys are relative to.
/// </remarks>
public sealed class Crc64ChannelPointer
{
    /// <summary>The schema marker written into and required from every pointer.</summary>
    public const string SchemaId = "https://crcbuildtools/channel/v1";

    /// <summary>Creates a pointer.</summary>
    /// <param name="channel">The channel name, e.g. <c>stable</c>.</param>
    /// <param name="version">The release version the channel points to.</param>
    /// <param name="channelKey">The object key of the pointer itself.</param>
    /// <param name="manifestKey">The object key of the release's manifest.</param>
    /// <param name="manifestLength">The manifest's length in bytes.</param>
    /// <param name="manifestCrc64">The manifest's CRC-64/XZ.</param>
    public Crc64ChannelPointer(string channel, string version, string channelKey, string manifestKey, long manifestLength, ulong manifestCrc64)
    {
        Channel = channel ?? throw new ArgumentNullException(nameof(channel));
        Version = version ?? throw new ArgumentNullException(nameof(version));
        ChannelKey = channelKey ?? throw new ArgumentNullException(nameof(channelKey));
        ManifestKey = manifestKey ?? throw new ArgumentNullException(nameof(manifestKey));
        ManifestLength = manifestLength >= 0 ? manifestLength : throw new ArgumentOutOfRangeException(nameof(manifestLength));
        ManifestCrc64 = manifestCrc64;
    }

    /// <summary>The channel name.</summary>
    public string Channel { get; }

    /// <summary>The version of the release the channel points to.</summary>
    public string Version { get; }

    /// <summary>Where the pointer itself is stored.</summary>
    public string ChannelKey { get; }

    /// <summary>The object key of the release's manifest.</summary>
    public string ManifestKey { get; }

    /// <summary>The manifest's length in bytes.</summary>
    public long ManifestLength { get; }

    /// <summary>The manifest's CRC-64/XZ.</summary>
    public ulong ManifestCrc64 { get; }

    /// <summary>The pointer as UTF-8 JSON with <c>\n</c> line endings: the same pointer always gives the same bytes.</summary>
    /// <returns>The text.</returns>
    public string ToJson()
    {
        var text = new StringBuilder();
        text.Append("{\n");
        Field(text, "schema", Crc64ManifestWriter.Quote(SchemaId));
        Field(text, "channel", Crc64ManifestWriter.Quote(Channel));
        Field(text, "version", Crc64ManifestWriter.Quote(Version));
        Field(text, "channelKey", Crc64ManifestWriter.Quote(ChannelKey));
        Field(text, "manifestKey", Crc64ManifestWriter.Quote(ManifestKey));
        Field(text, "manifestLength", ManifestLength.ToString(CultureInfo.InvariantCulture));
        text.Append("  \"manifestCrc64\": ").Append(Crc64ManifestWriter.Quote(Crc64XzFormat.ToDecimalString(ManifestCrc64))).Append("\n}\n");
        return text.ToString();
    }

    /// <summary>Reads a pointer when <paramref name="text"/> is one.</summary>
    /// <param name="text">A JSON document: a pointer, a manifest, or something else.</param>
    /// <param name="source">The name used in error messages.</param>
    /// <param name="pointer">The pointer, when the document declares the pointer schema.</param>
    /// <returns>False when the document does not declare the pointer schema (it may be a manifest).</returns>
    /// <exception cref="FormatException">The document declares the pointer schema but is not a valid pointer.</exception>
    public static bool TryParse(string text, string source, out Crc64ChannelPointer? pointer)
    {
        pointer = null;
        Dictionary<string, (JsonValueKind Kind, string Text)>? members;
        try
        {
            members = ReadFlatObject(text, source);
        }
        catch (Crc64ManifestException)
        {
            return false;
        }

        if (members is null || !members.TryGetValue("schema", out var schema) || schema.Kind != JsonValueKind.String || schema.Text != SchemaId)
        {
            return false;
        }

        string String(string name) =>
            members.TryGetValue(name, out var value) && value.Kind == JsonValueKind.String && value.Text.Length > 0
                ? value.Text
                : throw new FormatException($"the channel pointer '{source}' lacks a non-empty string \"{name}\"");

        if (!members.TryGetValue("manifestLength", out var lengthValue) || lengthValue.Kind != JsonValueKind.Number ||
            !long.TryParse(lengthValue.Text, NumberStyles.None, CultureInfo.InvariantCulture, out long length))
        {
            throw new FormatException($"the channel pointer '{source}' lacks a whole-number \"manifestLength\"");
        }

        if (!Crc64XzFormat.TryParse(String("manifestCrc64"), out ulong crc))
        {
            throw new FormatException($"the channel pointer '{source}' has a \"manifestCrc64\" that is not an unsigned decimal CRC-64");
        }

        foreach (string name in members.Keys)
        {
            if (Array.IndexOf(KnownFields, name) < 0)
            {
                throw new FormatException($"the channel pointer '{source}' has an unknown property \"{DisplayText.Of(name)}\"");
            }
        }

        pointer = new Crc64ChannelPointer(String("channel"), String("version"), String("channelKey"), String("manifestKey"), length, crc);
        return true;
    }

    /// <summary>
    /// The members of a JSON object whose values are all scalars (a pointer's shape), read with the manifests' strict
    /// reader; <see langword="null"/> for any other document (a manifest has a "files" array), so the caller can try
    /// it as a manifest. A duplicated member in a document that declares the pointer schema is a
    /// <see cref="FormatException"/>: no pointer may be read two ways.
    /// </summary>
    private static Dictionary<string, (JsonValueKind Kind, string Text)>? ReadFlatObject(string text, string source)
    {
        var json = new StrictJsonReader(new System.IO.StringReader(text), source, System.Threading.CancellationToken.None);
        json.SkipByteOrderMark();
        json.SkipWhitespace();
        if (json.PeekValueKind() != JsonValueKind.Object)
        {
            return null;
        }

        json.Expect('{', "expected '{'");
        var members = new Dictionary<string, (JsonValueKind Kind, string Text)>(StringComparer.Ordinal);
        string? duplicate = null;
        json.SkipWhitespace();
        if (json.TryConsume('}'))
        {
            return members;
        }

        do
        {
            json.SkipWhitespace();
            string name = json.ReadString();
            json.SkipWhitespace();
            json.Expect(':', "expected ':' after a property name");
            json.SkipWhitespace();
            JsonValueKind kind = json.PeekValueKind();
            if (kind is JsonValueKind.Object or JsonValueKind.Array)
            {
                return null;
            }

            string value = kind switch
            {
                JsonValueKind.String => json.ReadString(),
                JsonValueKind.Number => json.ReadNumber(),
                _ => ReadLiteral(json, kind),
            };
            if (members.ContainsKey(name))
            {
                duplicate ??= name;
            }

            members[name] = (kind, value);
            json.SkipWhitespace();
        }
        while (json.TryConsume(','));

        json.Expect('}', "expected ',' or '}' after a property");
        json.SkipWhitespace();
        if (!json.AtEnd)
        {
            throw json.SyntaxError("text follows the end of the document");
        }

        if (duplicate is not null && members.TryGetValue("schema", out var schema) && schema.Text == SchemaId)
        {
            throw new FormatException($"the channel pointer '{source}' has \"{DisplayText.Of(duplicate)}\" twice");
        }

        return duplicate is null ? members : null;
    }

    private static string ReadLiteral(StrictJsonReader json, JsonValueKind kind)
    {
        json.ReadScalar(kind);
        return string.Empty;
    }

    private static readonly string[] KnownFields = { "schema", "channel", "version", "channelKey", "manifestKey", "manifestLength", "manifestCrc64" };

    private static void Field(StringBuilder text, string name, string jsonValue) =>
        text.Append("  \"").Append(name).Append("\": ").Append(jsonValue).Append(",\n");
}
