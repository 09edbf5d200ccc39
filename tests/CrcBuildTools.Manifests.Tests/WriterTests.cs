using System;
using System.IO;
using System.Linq;
using CrcBuildTools.TestSupport;
using Xunit;

namespace CrcBuildTools.Manifests.Tests;

public sealed class WriterTests
{
    // "123456789" is the catalogue check input; its CRC-64/XZ is 0x995DC9BBDF1939FA = 11051210869376104954.
    private const ulong CheckCrc = 11051210869376104954;

    [Fact]
    public void WritesTheDocumentedFormatByteForByte()
    {
        var manifest = new Crc64Manifest(new[]
        {
            new Crc64ManifestEntry("sub/b.txt", 9, CheckCrc),
            new Crc64ManifestEntry("a.dll", 0, 0),
        });

        string expected =
            "{\n" +
            "  \"schema\": \"https://crcbuildtools/manifest/v1\",\n" +
            "  \"algorithm\": \"CRC-64/XZ\",\n" +
            "  \"files\": [\n" +
            "    { \"path\": \"a.dll\", \"length\": 0, \"crc64\": \"0\" },\n" +
            "    { \"path\": \"sub/b.txt\", \"length\": 9, \"crc64\": \"11051210869376104954\" }\n" +
            "  ]\n" +
            "}\n";
        Assert.Equal(expected, Crc64ManifestWriter.ToText(manifest));
        byte[] bytes = Crc64ManifestWriter.ToBytes(manifest);
        Assert.NotEqual(0xEF, bytes[0]);
        Assert.DoesNotContain((byte)'\r', bytes);
    }

    [Fact]
    public void EmptyManifestHasAnEmptyArray()
    {
        string text = Crc64ManifestWriter.ToText(new Crc64Manifest(Array.Empty<Crc64ManifestEntry>()));
        Assert.Contains("  \"files\": []\n}", text, StringComparison.Ordinal);
        Assert.Empty(Crc64ManifestReader.Parse(text, "empty").Files);
    }

    [Fact]
    public void SortsByOrdinalNotCulture()
    {
        // Ordinal: uppercase before lowercase, '_' (0x5F) between them, digits first.
        var manifest = new Crc64Manifest(new[] { "b", "B", "_x", "1", "a/b", "a.b" }.Select(p => new Crc64ManifestEntry(p, 1, 1)));
        Assert.Equal(new[] { "1", "B", "_x", "a.b", "a/b", "b" }, manifest.Files.Select(f => f.Path));
    }

    [Fact]
    public void EscapesQuotesBackslashesControlCharactersAndKeepsUnicode()
    {
        var manifest = new Crc64Manifest(new[] { new Crc64ManifestEntry("dir/we\"ird name ü 中.txt", 1, 2) });
        string text = Crc64ManifestWriter.ToText(manifest);
        Assert.Contains("\"dir/we\\\"ird name ü 中.txt\"", text, StringComparison.Ordinal);
        Crc64Manifest back = Crc64ManifestReader.Parse(Crc64ManifestWriter.ToBytes(manifest), "roundtrip");
        Assert.Equal(manifest.Files, back.Files);
    }

    [Fact]
    public void RoundTripsExtremeValues()
    {
        var manifest = new Crc64Manifest(new[]
        {
            new Crc64ManifestEntry("max", long.MaxValue, ulong.MaxValue),
            new Crc64ManifestEntry("zero", 0, 0),
        });
        Assert.Equal(manifest.Files, Crc64ManifestReader.Parse(Crc64ManifestWriter.ToText(manifest), "x").Files);
        Assert.Contains("\"crc64\": \"18446744073709551615\"", Crc64ManifestWriter.ToText(manifest), StringComparison.Ordinal);
    }

    [Fact]
    public void DuplicatePathsAreRejectedWithTheirCode()
    {
        var e = Assert.Throws<Crc64ManifestException>(() => new Crc64Manifest(new[] { new Crc64ManifestEntry("a", 1, 1), new Crc64ManifestEntry("a", 2, 2) }));
        Assert.Equal(Crc64ErrorCodes.DuplicatePath, e.Code);
    }

    [Fact]
    public void WriteIfChangedKeepsTheTimestampOfAnIdenticalManifest()
    {
        using var folder = new TempFolder();
        string path = Path.Combine(folder.Path, "nested", "app.crc64.json");
        var manifest = new Crc64Manifest(new[] { new Crc64ManifestEntry("a", 9, CheckCrc) });

        Assert.True(Crc64ManifestWriter.WriteIfChanged(manifest, path));
        var old = new DateTime(2020, 1, 2, 3, 4, 5, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(path, old);

        Assert.False(Crc64ManifestWriter.WriteIfChanged(manifest, path));
        Assert.Equal(old, File.GetLastWriteTimeUtc(path));

        var changed = new Crc64Manifest(new[] { new Crc64ManifestEntry("a", 9, CheckCrc - 1) });
        Assert.True(Crc64ManifestWriter.WriteIfChanged(changed, path));
        Assert.NotEqual(old, File.GetLastWriteTimeUtc(path));
        Assert.Equal(Crc64ManifestWriter.ToBytes(changed), File.ReadAllBytes(path));
        Assert.Single(Directory.GetFiles(Path.GetDirectoryName(path)!)); // no temporary file left behind
    }

    [Fact]
    public void UnwritableManifestIsCrc1003()
    {
        using var folder = new TempFolder();
        string blocker = folder.Write("file-not-folder", "x");
        var manifest = new Crc64Manifest(Array.Empty<Crc64ManifestEntry>());
        var e = Assert.Throws<Crc64ManifestException>(() => Crc64ManifestWriter.WriteIfChanged(manifest, Path.Combine(blocker, "m.json")));
        Assert.Equal(Crc64ErrorCodes.ManifestNotWritable, e.Code);
        Assert.StartsWith("Cannot write the manifest", e.Message, StringComparison.Ordinal); // the code is e.Code, not in the text
    }
}
