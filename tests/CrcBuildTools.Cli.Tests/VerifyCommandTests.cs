using System;
using System.IO;
using System.Linq;
using CrcBuildTools.Hashing;
using CrcBuildTools.Manifests;
using Xunit;
using CrcBuildTools.TestSupport;

namespace CrcBuildTools.Cli.Tests;

public sealed class VerifyCommandTests : IDisposable
{
    private readonly TempFolder _temp = new("cli-verify");

    private string FolderPath => _temp.Path;

    public VerifyCommandTests()
    {
        Directory.CreateDirectory(Path.Combine(FolderPath, "sub"));
        File.WriteAllText(Path.Combine(FolderPath, "a.dll"), "123456789");
        File.WriteAllText(Path.Combine(FolderPath, "sub", "b.txt"), "bbb");
        var manifest = new Crc64Manifest(new[] { "a.dll", "sub/b.txt" }.Select(p =>
        {
            byte[] bytes = File.ReadAllBytes(Path.Combine(FolderPath, p));
            return new Crc64ManifestEntry(p, bytes.Length, Crc64Xz.Hash(bytes));
        }));
        Crc64ManifestWriter.WriteIfChanged(manifest, ManifestPath);
    }

    private string ManifestPath => Path.Combine(FolderPath, "app.crc64.json");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void MatchingFolderExitsZero()
    {
        CliRun run = CliRun.Of("verify", ManifestPath);
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(string.Empty, run.StdErr);
        Assert.StartsWith("OK: 2 files in ", run.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public void DifferencesExitOneWithOneCodedLineEach()
    {
        File.WriteAllText(Path.Combine(FolderPath, "a.dll"), "123456780");
        File.Delete(Path.Combine(FolderPath, "sub", "b.txt"));
        File.WriteAllText(Path.Combine(FolderPath, "sub", "new.txt"), "x");

        CliRun run = CliRun.Of("verify", ManifestPath, FolderPath);

        Assert.Equal(1, run.ExitCode);
        string[] lines = run.StdErr.TrimEnd('\n').Split('\n');
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("crc64xz: error CRC1006: 'a.dll' differs from the manifest: expected 9 bytes, CRC-64 11051210869376104954", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("crc64xz: error CRC1005: 'sub/b.txt' is listed in the manifest but missing", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("crc64xz: error CRC1007: 'sub/new.txt' is in ", lines[2], StringComparison.Ordinal);
        Assert.StartsWith("FAILED: 3 differences", run.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public void AllowExtraToleratesUnlistedFiles()
    {
        File.WriteAllText(Path.Combine(FolderPath, "log.txt"), "x");
        Assert.Equal(1, CliRun.Of("verify", ManifestPath).ExitCode);
        Assert.Equal(0, CliRun.Of("verify", "--allow-extra", ManifestPath).ExitCode);
    }

    [Fact]
    public void MalformedManifestIsCrc1004WithPosition()
    {
        File.WriteAllText(ManifestPath, "{ \"schema\": \"https://crcbuildtools/manifest/v1\", \"algorithm\": \"CRC-64/XZ\", \"files\": [] ");
        CliRun run = CliRun.Of("verify", ManifestPath);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("error CRC1004: The manifest '", run.StdErr, StringComparison.Ordinal);
        Assert.Contains("line 1, column 88", run.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingManifestIsCrc1009()
    {
        CliRun run = CliRun.Of("verify", Path.Combine(FolderPath, "none.json"));
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("error CRC1009", run.StdErr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData]
    [InlineData("a", "b", "c")]
    [InlineData("--strict", "m.json")]
    public void BadArgumentsAreUsageErrors(params string[] args)
    {
        CliRun run = CliRun.Of(new[] { "verify" }.Concat(args).ToArray());
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("crc64xz --help", run.StdErr, StringComparison.Ordinal);
    }
}
