using System;
using System.IO;
using System.Text;
using Xunit;

namespace CrcBuildTools.Manifests.Tests;

public sealed class ReaderTests
{
    private const string Head = "{\n  \"schema\": \"https://crcbuildtools/manifest/v1\",\n  \"algorithm\": \"CRC-64/XZ\",\n  \"files\": [\n";

    private static string WithFiles(params string[] lines) => Head + string.Join(",\n", lines) + "\n  ]\n}\n";

    [Fact]
    public void ReadsWhatTheWriterWrites()
    {
        string text = WithFiles(
            "    { \"path\": \"a.dll\", \"length\": 10, \"crc64\": \"11051210869376104954\" }",
            "    { \"path\": \"b/c.txt\", \"length\": 0, \"crc64\": \"0\" }");
        Crc64Manifest manifest = Crc64ManifestReader.Parse(text, "m.json");
        Assert.Equal(2, manifest.Files.Count);
        Assert.Equal(11051210869376104954UL, manifest.Find("a.dll")!.Crc64);
        Assert.Equal(text, Crc64ManifestWriter.ToText(manifest));
    }

    [Fact]
    public void ToleratesReorderedKeysWhitespaceCrlfAndABom()
    {
        string text = "{\r\n\"files\":[{\"crc64\":\"5\",\"length\":1,\"path\":\"x\"}],\t\"algorithm\":\"CRC-64/XZ\",\"schema\":\"https://crcbuildtools/manifest/v1\"}";
        byte[] bytes = new byte[] { 0xEF, 0xBB, 0xBF }.AsSpan().ToArray();
        byte[] withBom = new byte[bytes.Length + Encoding.UTF8.GetByteCount(text)];
        bytes.CopyTo(withBom, 0);
        Encoding.UTF8.GetBytes(text, 0, text.Length, withBom, bytes.Length);
        Assert.Equal(5UL, Crc64ManifestReader.Parse(withBom, "bom").Files[0].Crc64);
    }

    public static TheoryData<string, int, int, string> Malformed => new()
    {
        // JSON syntax
        { "", 1, 1, "document ends where a value was expected" },
        { "{\n  \"schema\": 'x'\n}", 2, 13, "unexpected character '''" },
        { WithFiles("    { \"path\": \"a\", \"length\": 1, \"crc64\": \"1\" },"), 6, 3, "trailing comma before ']'" },
        { "{ \"schema\": \"a\", \"schema\": \"b\" }", 1, 18, "\"schema\" appears twice" },
        { Head + "    // comment\n  ]\n}", 5, 5, "unexpected character '/'" },
        { Head + "  ]\n}\n}", 7, 1, "unexpected text after the end" },
        { "{ \"schema\": \"a\\q\" }", 1, 15, "'\\q' is not a JSON escape" },
        { "{ \"schema\": \"abc", 1, 17, "string is not closed" },
        { WithFiles("    { \"path\": \"a\", \"length\": 01, \"crc64\": \"1\" }"), 5, 31, "leading zeros" },
        // Schema
        { "[]", 1, 1, "the manifest must be a JSON object, not an array" },
        { "{ \"schema\": \"https://crcbuildtools/manifest/v1\", \"algorithm\": \"CRC-64/XZ\" }", 1, 1, "lacks the required property \"files\"" },
        { Head.Replace("v1", "v2") + "  ]\n}", 2, 13, "this version of CrcBuildTools reads" },
        { Head.Replace("CRC-64/XZ", "CRC-64/ECMA-182") + "  ]\n}", 3, 16, "the only supported algorithm is \"CRC-64/XZ\"" },
        { Head + "  ],\n  \"generated\": \"2024-01-01\"\n}", 6, 16, "unknown property \"generated\"" },
        { WithFiles("    { \"path\": \"a\", \"length\": 1, \"crc64\": 1 }"), 5, 42, "must be a decimal string" },
        { WithFiles("    { \"path\": \"a\", \"length\": 1, \"crc64\": \"0x1F\" }"), 5, 42, "unsigned decimal integer without leading zeros" },
        { WithFiles("    { \"path\": \"a\", \"length\": 1, \"crc64\": \"007\" }"), 5, 42, "without leading zeros" },
        { WithFiles("    { \"path\": \"a\", \"length\": 1, \"crc64\": \"18446744073709551616\" }"), 5, 42, "from 0 to 18446744073709551615" },
        { WithFiles("    { \"path\": \"a\", \"length\": -1, \"crc64\": \"1\" }"), 5, 30, "whole number of bytes" },
        { WithFiles("    { \"path\": \"a\", \"length\": 1.5, \"crc64\": \"1\" }"), 5, 30, "whole number of bytes" },
        { WithFiles("    { \"path\": \"a\", \"length\": \"1\", \"crc64\": \"1\" }"), 5, 30, "must be a number, not a string" },
        { WithFiles("    { \"path\": \"a\", \"length\": 1 }"), 5, 5, "lacks the required property \"crc64\"" },
        { WithFiles("    { \"path\": \"a\", \"length\": 1, \"crc64\": \"1\", \"mtime\": 5 }"), 5, 56, "unknown property \"mtime\"" },
        { WithFiles("    { \"path\": \"/etc/passwd\", \"length\": 1, \"crc64\": \"1\" }"), 5, 15, "is absolute" },
        { WithFiles("    { \"path\": \"../up.dll\", \"length\": 1, \"crc64\": \"1\" }"), 5, 15, "'..' segment" },
        { WithFiles("    { \"path\": \"a\\\\b.dll\", \"length\": 1, \"crc64\": \"1\" }"), 5, 15, "contains '\\'" },
        { WithFiles("    { \"path\": \"\", \"length\": 1, \"crc64\": \"1\" }"), 5, 15, "cannot be empty" },
        { WithFiles("    { \"path\": \"b\", \"length\": 1, \"crc64\": \"1\" }", "    { \"path\": \"a\", \"length\": 1, \"crc64\": \"1\" }"), 6, 5, "\"a\" comes after \"b\"" },
        { WithFiles("    { \"path\": \"a\", \"length\": 1, \"crc64\": \"1\" }", "    { \"path\": \"a\", \"length\": 2, \"crc64\": \"2\" }"), 6, 5, "listed twice" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void RejectsMalformedManifestsWithPosition(string text, int line, int column, string fragment)
    {
        var e = Assert.Throws<Crc64ManifestException>(() => Crc64ManifestReader.Parse(text, "hand-edited.json"));
        Assert.Equal(Crc64ErrorCodes.ManifestMalformed, e.Code);
        Assert.Contains(fragment, e.Message, StringComparison.Ordinal);
        Assert.StartsWith("The manifest 'hand-edited.json'", e.Message, StringComparison.Ordinal); // the code is e.Code, not in the text
        Assert.Contains("Regenerate the manifest", e.Message, StringComparison.Ordinal);
        Assert.Equal((line, column), (e.Line, e.Column));
    }

    [Fact]
    public void RejectsInvalidUtf8()
    {
        byte[] bytes = Encoding.ASCII.GetBytes(WithFiles("    { \"path\": \"X\", \"length\": 1, \"crc64\": \"1\" }"));
        bytes[Array.IndexOf(bytes, (byte)'X')] = 0xFF;
        var e = Assert.Throws<Crc64ManifestException>(() => Crc64ManifestReader.Parse(bytes, "bad.json"));
        Assert.Equal(Crc64ErrorCodes.ManifestMalformed, e.Code);
        Assert.Contains("not valid UTF-8", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingManifestFileIsCrc1009()
    {
        string path = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"), "none.crc64.json");
        var e = Assert.Throws<Crc64ManifestException>(() => Crc64ManifestReader.Read(path));
        Assert.Equal(Crc64ErrorCodes.ManifestUnreadable, e.Code);
        Assert.Contains("it does not exist", e.Message, StringComparison.Ordinal);
        Assert.Equal(path, e.FilePath);
    }
}
