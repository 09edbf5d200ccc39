using System;
using System.Globalization;
using System.IO;
using System.Linq;
using CrcBuildTools.Hashing;
using CrcBuildTools.TestSupport;
using Xunit;

namespace CrcBuildTools.Manifests.Tests;

/// <summary>
/// The folder verifier against folders built to deceive it: links out of the folder, links to the root and to
/// themselves, pipes where files should be, names that would forge message lines. Every CRC asserted comes from xz.
/// </summary>
public sealed class HostileFolderTests : IDisposable
{
    private static readonly TimeSpan NoHang = TimeSpan.FromSeconds(60);
    private readonly TempFolder _folder = new("hostile-folder");
    private readonly TempFolder _outside = new("outside");

    public void Dispose()
    {
        _folder.Dispose();
        _outside.Dispose();
    }

    [Fact]
    public void A_folder_link_out_of_the_folder_is_refused_and_the_outside_file_is_never_read_or_reported()
    {
        string secret = _outside.Write("passwd", "root:x:0:0::/root:/bin/sh\n");
        ulong secretCrc = XzOracle.Crc64(secret);
        SpecialFiles.Link(_folder.PathOf("etc"), _outside.Path);

        // Right CRC (an attacker who knows the outside file) and wrong CRC (a probe for its CRC): both refused alike.
        foreach (ulong claimed in new[] { secretCrc, secretCrc ^ 1 })
        {
            var manifest = new Crc64Manifest(new[] { new Crc64ManifestEntry("etc/passwd", new FileInfo(secret).Length, claimed) });
            Crc64VerificationResult result = Crc64FolderVerifier.Verify(manifest, _folder.Path);

            Crc64VerificationProblem problem = Assert.Single(result.Problems);
            Assert.Equal((Crc64VerificationProblemKind.LinkLeavesFolder, Crc64ErrorCodes.LinkLeavesFolder, "etc/passwd"), (problem.Kind, problem.Code, problem.Path));
            Assert.Null(problem.ActualCrc64);
            Assert.Null(problem.ActualLength);
            Assert.Equal(0, result.FilesVerified);
            if (claimed != secretCrc)
            {
                // The probe learns nothing: the outside file's real CRC appears nowhere.
                Assert.DoesNotContain(secretCrc.ToString(CultureInfo.InvariantCulture), problem.Message, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void A_file_link_inside_the_folder_verifies_as_its_target_and_one_out_is_refused()
    {
        string target = _folder.Write("lib/real.dll", "real bytes");
        SpecialFiles.Link(_folder.PathOf("alias.dll"), "lib/real.dll");
        SpecialFiles.Link(_folder.PathOf("out.dll"), _outside.Write("elsewhere.dll", "real bytes"));
        ulong crc = XzOracle.Crc64(target);
        var manifest = new Crc64Manifest(new[]
        {
            new Crc64ManifestEntry("alias.dll", 10, crc),
            new Crc64ManifestEntry("lib/real.dll", 10, crc),
            new Crc64ManifestEntry("out.dll", 10, crc),
        });

        Crc64VerificationResult result = Crc64FolderVerifier.Verify(manifest, _folder.Path);

        Assert.Equal(2, result.FilesVerified);
        Assert.Equal(new[] { ("out.dll", Crc64ErrorCodes.LinkLeavesFolder) }, result.Problems.Select(p => (p.Path, p.Code)));
    }

    [Fact]
    public void Directory_links_to_the_root_and_to_the_folder_itself_are_reported_once_and_never_walked()
    {
        _folder.Write("app.dll", "app");
        SpecialFiles.Link(_folder.PathOf("root"), "/");
        SpecialFiles.Link(_folder.PathOf("loop"), ".");
        var manifest = new Crc64Manifest(new[] { new Crc64ManifestEntry("app.dll", 3, XzOracle.Crc64(_folder.PathOf("app.dll"))) });

        Crc64VerificationResult result = SpecialFiles.WithinTime(NoHang, () => Crc64FolderVerifier.Verify(manifest, _folder.Path));

        Assert.Equal(new[] { ("loop", Crc64ErrorCodes.VerifyExtraFile), ("root", Crc64ErrorCodes.VerifyExtraFile) }, result.Problems.Select(p => (p.Path, p.Code)));
        Assert.All(result.Problems, p => Assert.Contains("never walked into", p.Message, StringComparison.Ordinal));
        Assert.Equal(1, result.FilesVerified);
    }

    [Fact]
    public void A_pipe_listed_as_an_empty_file_is_refused_without_blocking()
    {
        SpecialFiles.MakeFifo(_folder.PathOf("events.log"));
        var manifest = new Crc64Manifest(new[] { new Crc64ManifestEntry("events.log", 0, 0) });

        Crc64VerificationResult result = SpecialFiles.WithinTime(NoHang, () => Crc64FolderVerifier.Verify(manifest, _folder.Path));

        Crc64VerificationProblem problem = Assert.Single(result.Problems);
        Assert.Equal(Crc64ErrorCodes.NotARegularFile, problem.Code);
        Assert.Contains("a pipe (FIFO), not a regular file", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unlisted_pipes_and_links_are_extra_and_are_never_opened()
    {
        SpecialFiles.MakeFifo(_folder.PathOf("unlisted.pipe"));
        SpecialFiles.Link(_folder.PathOf("unlisted.link"), "/dev/zero");
        var manifest = new Crc64Manifest(Array.Empty<Crc64ManifestEntry>());

        Crc64VerificationResult result = SpecialFiles.WithinTime(NoHang, () => Crc64FolderVerifier.Verify(manifest, _folder.Path));

        Assert.Equal(new[] { "unlisted.link", "unlisted.pipe" }, result.Problems.Select(p => p.Path));
        Assert.All(result.Problems, p => Assert.Equal(Crc64ErrorCodes.VerifyExtraFile, p.Code));
    }

    [Fact]
    public void A_dangling_link_listed_in_the_manifest_is_missing_and_says_why()
    {
        SpecialFiles.Link(_folder.PathOf("gone.dll"), "nowhere.dll");
        var manifest = new Crc64Manifest(new[] { new Crc64ManifestEntry("gone.dll", 1, 1) });

        Crc64VerificationProblem problem = Assert.Single(Crc64FolderVerifier.Verify(manifest, _folder.Path).Problems);

        Assert.Equal(Crc64ErrorCodes.VerifyFileMissing, problem.Code);
        Assert.Contains("symbolic link whose target does not exist", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Names_that_would_forge_lines_or_drive_the_terminal_are_shown_escaped()
    {
        _folder.Write("evil\n0  app.dll\u001b[2J\u202e.txt", "x");
        var manifest = new Crc64Manifest(Array.Empty<Crc64ManifestEntry>());

        Crc64VerificationProblem problem = Assert.Single(Crc64FolderVerifier.Verify(manifest, _folder.Path).Problems);

        Assert.Equal("evil\n0  app.dll\u001b[2J\u202e.txt", problem.Path);
        Assert.Contains("'evil\\u000a0  app.dll\\u001b[2J\\u202e.txt'", problem.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', problem.Message);
        Assert.DoesNotContain('\u001b', problem.Message);
    }

    [Fact]
    public void A_file_that_shrinks_while_verified_is_reported_with_a_code_not_an_aggregate_exception()
    {
        // A file past the parallel threshold, truncated by another process while the check runs: whatever moment the
        // truncation hits, the result is a coded problem or a verified file, never an exception.
        string path = _folder.Write("big.bin", new byte[80 << 20]);
        ulong crc = XzOracle.Crc64(path);
        var manifest = new Crc64Manifest(new[] { new Crc64ManifestEntry("big.bin", 80 << 20, crc) });
        var shrink = System.Threading.Tasks.Task.Run(() =>
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite);
            stream.SetLength(1 << 20);
        });

        Crc64VerificationResult result = Crc64FolderVerifier.Verify(manifest, _folder.Path, maxDegreeOfParallelism: 2);
        shrink.Wait(NoHang);

        Assert.True(result.Success || result.Problems.Single().Code is Crc64ErrorCodes.VerifyFileChanged or Crc64ErrorCodes.FileChangedWhileHashed);
        if (!result.Success && result.Problems[0].ActualCrc64 is ulong actual)
        {
            // A CRC the file really had: the truncated file's (the check runs again after the change).
            Assert.Equal(XzOracle.Crc64(path), actual);
        }
    }
}
