using System;
using System.IO;
using System.Linq;
using CrcBuildTools.Hashing;
using CrcBuildTools.TestSupport;
using Xunit;

namespace CrcBuildTools.Manifests.Tests;

public sealed class VerifierTests
{
    private static Crc64Manifest ManifestOf(TempFolder folder, params string[] relativePaths) =>
        new(relativePaths.Select(p =>
        {
            byte[] bytes = File.ReadAllBytes(Path.Combine(folder.Path, p));
            return new Crc64ManifestEntry(p, bytes.Length, Crc64Xz.Hash(bytes));
        }));

    [Fact]
    public void MatchingFolderVerifies()
    {
        using var folder = new TempFolder();
        folder.Write("a.dll", "123456789");
        folder.Write("sub/dir/b.json", "{}");
        Crc64Manifest manifest = ManifestOf(folder, "a.dll", "sub/dir/b.json");
        Assert.Equal(11051210869376104954UL, manifest.Find("a.dll")!.Crc64);
        folder.Write("app.crc64.json", Crc64ManifestWriter.ToText(manifest));

        Crc64VerificationResult result = Crc64FolderVerifier.Verify(manifest, folder.Path, new[] { "app.crc64.json" });
        Assert.True(result.Success);
        Assert.Equal(2, result.FilesVerified);
    }

    [Fact]
    public void ReportsMissingChangedAndExtraFilesEachWithItsCode()
    {
        using var folder = new TempFolder();
        folder.Write("gone.dll", "a");
        folder.Write("same-length.dll", "123456789");
        folder.Write("other-length.dll", "abc");
        folder.Write("ok.dll", "ok");
        Crc64Manifest manifest = ManifestOf(folder, "gone.dll", "same-length.dll", "other-length.dll", "ok.dll");
        File.Delete(Path.Combine(folder.Path, "gone.dll"));
        folder.Write("same-length.dll", "123456780");
        folder.Write("other-length.dll", "abcd");
        folder.Write("new/extra.txt", "x");

        Crc64VerificationResult result = Crc64FolderVerifier.Verify(manifest, folder.Path);

        Assert.False(result.Success);
        Assert.Equal(1, result.FilesVerified);
        Assert.Equal(
            new[] { ("gone.dll", "CRC1005"), ("new/extra.txt", "CRC1007"), ("other-length.dll", "CRC1006"), ("same-length.dll", "CRC1006") },
            result.Problems.Select(p => (p.Path, p.Code)));
        Assert.Contains("expected 9 bytes, CRC-64 11051210869376104954; found 9 bytes, CRC-64 ", result.Problems[3].Message, StringComparison.Ordinal);
        Assert.Contains("expected 3 bytes", result.Problems[2].Message, StringComparison.Ordinal);
        Assert.Contains($"found 4 bytes, CRC-64 {Crc64Xz.Hash("abcd"u8)}.", result.Problems[2].Message, StringComparison.Ordinal);
        Assert.All(result.Problems, p => Assert.DoesNotContain(p.Code, p.Message, StringComparison.Ordinal)); // the code is p.Code, not in the text
    }

    [Fact]
    public void ExtraFilesCanBeAllowed()
    {
        using var folder = new TempFolder();
        folder.Write("a", "a");
        Crc64Manifest manifest = ManifestOf(folder, "a");
        folder.Write("log.txt", "runtime log");
        Assert.True(Crc64FolderVerifier.Verify(manifest, folder.Path, allowExtraFiles: true).Success);
        Assert.False(Crc64FolderVerifier.Verify(manifest, folder.Path).Success);
    }

    [Fact]
    public void MissingFolderIsCrc1008()
    {
        var e = Assert.Throws<Crc64ManifestException>(() =>
            Crc64FolderVerifier.Verify(new Crc64Manifest(Array.Empty<Crc64ManifestEntry>()), Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"))));
        Assert.Equal(Crc64ErrorCodes.BadConfiguration, e.Code);
    }
}
