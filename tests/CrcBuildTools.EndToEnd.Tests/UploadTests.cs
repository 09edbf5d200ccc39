using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using CrcBuildTools.EndToEnd.Tests.Infrastructure;
using CrcBuildTools.Emulator;
using Xunit;
using Xunit.Abstractions;

namespace CrcBuildTools.EndToEnd.Tests;

/// <summary>
/// <c>dotnet publish -p:Crc64Upload=true</c> through the packed nupkg, to the loopback COS and OSS emulators, exactly
/// as a user runs it: credentials in environment variables, settings as properties. The bucket is read back and
/// compared byte for byte with the publish folder, whose manifest xz has checked. Four publishes in all, because each
/// costs 10-30 s on a 2-core machine.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class UploadTests(PackagedFeedFixture feed, ITestOutputHelper output)
{
    private const string Project = "uploader/uploader.csproj";
    private const string Prefix = "uploader/1.0.0/"; // the documented default: $(PackageId)/$(Version)/
    private const string ManifestName = "uploader.crc64.json";
    private const long MiB = 1024 * 1024;

    // The smallest part COS accepts; files above it go multipart, so a 2 MiB + 12345 B file is exactly three parts.
    private static readonly string[] SmallParts = { "Crc64UploadPartSize=" + MiB, "Crc64UploadMultipartThreshold=" + MiB };

    private const string BigFile = "payload/big/three parts+more.bin";
    private const string ThresholdFile = "payload/exactly the threshold.bin";

    [Fact]
    public async Task PublishUploadsEveryFileVerifiedToCosAndOssAndRepublishingSkipsThemAll()
    {
        using Workspace workspace = feed.CreateWorkspace("upload");
        WriteUploaderProject(workspace);
        string publishDir = workspace.PathOf("out");

        await using (EmulatedBucket cos = await EmulatedBucket.StartAsync("cos"))
        {
            DotnetResult first = Publish(workspace, cos, null, "publish", Project, "-c", "Release", "-o", "out").AssertSuccess();
            IReadOnlyList<ManifestFile> manifest = ManifestAssert.ListsExactlyTheFolder(Path.Combine(publishDir, ManifestName), publishDir);
            AssertPayloadListed(manifest);
            cos.AssertHoldsExactly(Prefix, publishDir, ManifestName, manifest);
            AssertMultipartShape(cos);
            Assert.Contains($"Uploaded {manifest.Count + 1} file(s)", SummaryLine(first), StringComparison.Ordinal);

            // The same release again: every object is HEADed, found identical, and nothing is written.
            int writesBefore = cos.Writes.Count;
            int requestsBefore = cos.Server.Requests.Count;
            DotnetResult second = Publish(workspace, cos, null, "publish", Project, "-c", "Release", "-o", "out").AssertSuccess();
            Assert.Contains($"Uploaded 0 file(s) (0 B) and skipped {manifest.Count + 1} unchanged", SummaryLine(second), StringComparison.Ordinal);
            Assert.Equal(writesBefore, cos.Writes.Count);
            // One listing looks for uploads a killed run left open; then only HEADs.
            Assert.Equal(FaultStage.ListObjects, cos.Server.Requests.Skip(requestsBefore).First().Stage);
            Assert.All(cos.Server.Requests.Skip(requestsBefore + 1), r => Assert.Equal(FaultStage.Head, r.Stage));
            cos.AssertHoldsExactly(Prefix, publishDir, ManifestName, manifest);
        }

        // The same publish folder to OSS (V4 signatures); --no-build, as a pipeline that built once would do.
        await using EmulatedBucket oss = await EmulatedBucket.StartAsync("oss");
        DotnetResult toOss = Publish(workspace, oss, null, "publish", Project, "-c", "Release", "-o", "out", "--no-build").AssertSuccess();
        IReadOnlyList<ManifestFile> ossManifest = ManifestAssert.Parse(Path.Combine(publishDir, ManifestName));
        oss.AssertHoldsExactly(Prefix, publishDir, ManifestName, ossManifest);
        AssertMultipartShape(oss);
        Assert.Contains("oss://releases/" + Prefix, SummaryLine(toOss), StringComparison.Ordinal);
        Assert.All(oss.Server.Requests, r => Assert.StartsWith("OSS4-HMAC-SHA256 ", r.Headers["authorization"], StringComparison.Ordinal));
    }

    [Fact]
    public async Task PersistentPartCrcMismatchFailsThePublishWithoutOrphansManifestOrLeakedSecret()
    {
        using Workspace workspace = feed.CreateWorkspace("upload-fail");
        WriteUploaderProject(workspace);
        await using EmulatedBucket oss = await EmulatedBucket.StartAsync("oss");

        // Part 2 of the big file always comes back with a wrong CRC header: every retry mismatches too.
        const int Armed = 50;
        oss.Server.Faults.Add(new FaultRule(FaultKind.WrongCrcHeader, FaultStage.Part, Armed, PartNumber: 2, Key: Prefix + BigFile));
        string binlog = workspace.PathOf("logs/failed-upload.binlog");

        // A harmless property value: it must be found in the binlog, which proves the search would find a secret that
        // leaked the way a property does.
        const string Marker = "e2e-binlog-marker-0c3f1a";
        DotnetResult failed = Publish(workspace, oss, binlog, "publish", Project, "-c", "Release", "-o", "out", "-p:Crc64E2eMarker=" + Marker).AssertFailure();

        Assert.Matches(new Regex(@"error CRC3031:.*" + Regex.Escape(Prefix + BigFile)), failed.Output);
        Assert.InRange(oss.Server.Faults.Remaining, 0, Armed - 2); // it really fired, and was retried
        oss.AssertNoOpenMultipartUploads();
        Assert.Null(oss.Server.Store.Get(Prefix + ManifestName));
        Assert.Null(oss.Server.Store.Get(Prefix + BigFile));
        Assert.Contains(oss.Server.Requests, r => r.Stage == FaultStage.Abort && r.Key == Prefix + BigFile && r.Status is 200 or 204);

        Assert.DoesNotContain(EmulatedBucket.Secret, failed.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(EmulatedBucket.SessionToken, failed.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(binlog), "the failed publish kept no binlog");
        Assert.True(BinaryLogSearch.Contains(binlog, Marker), "the search cannot even find a property value in the binlog");
        Assert.True(BinaryLogSearch.Contains(binlog, "CRC3031"), "the search cannot even find the error code in the binlog");
        Assert.False(BinaryLogSearch.Contains(binlog, EmulatedBucket.Secret), "the secret key is in the binlog");
        Assert.False(BinaryLogSearch.Contains(binlog, EmulatedBucket.SessionToken), "the session token is in the binlog");
    }

    /// <summary>
    /// A console app whose publish carries, as content items, files below, at and above the multipart threshold, an
    /// empty file, and names that need percent-encoding or UTF-8 in object keys (space, +, #, ?, %, unicode, nesting).
    /// </summary>
    private static void WriteUploaderProject(Workspace workspace)
    {
        WriteBytes(workspace, "payload/small.bin", 5000, seed: 1);
        WriteBytes(workspace, ThresholdFile, MiB, seed: 2);
        WriteBytes(workspace, BigFile, (2 * MiB) + 12345, seed: 3);
        WriteBytes(workspace, "payload/empty.dat", 0, seed: 4);
        foreach (string name in OddNames)
        {
            workspace.WriteFile("uploader/" + name, "content of " + name + "\n");
        }

        // A glob, as users write it: MSBuild escapes what it finds, so '%' and '#' in names need no care.
        workspace.WriteProject("uploader", extraProjectXml: """
              <ItemGroup>
                <Content Include="payload/**" CopyToPublishDirectory="PreserveNewest" />
              </ItemGroup>
            """);
    }

    private static readonly string[] OddNames =
    {
        "payload/with space.txt",
        "payload/plus+sign.txt",
        "payload/hash#tag.txt",
        "payload/what?.txt",
        "payload/100% sure.txt",
        "payload/données/日本語 ünïcödé.txt",
        "payload/rocket 🚀.txt",
        "payload/deep/er/nested/leaf.txt",
    };

    private static void WriteBytes(Workspace workspace, string relative, long length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        string path = workspace.PathOf("uploader/" + relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
    }

    private static void AssertPayloadListed(IReadOnlyList<ManifestFile> manifest)
    {
        foreach (string path in OddNames.Concat(new[] { "payload/small.bin", ThresholdFile, BigFile, "payload/empty.dat" }))
        {
            Assert.Contains(manifest, f => f.Path == path);
        }

        Assert.Contains(manifest, f => f.Path == "payload/empty.dat" && f.Length == 0 && f.Crc64 == 0);
    }

    /// <summary>The big file went up in three parts and one Complete; the file at the threshold in one PUT.</summary>
    private static void AssertMultipartShape(EmulatedBucket bucket)
    {
        IReadOnlyList<RecordedRequest> writes = bucket.Writes;
        Assert.Equal(new int?[] { 1, 2, 3 }, writes.Where(w => w.Key == Prefix + BigFile && w.Stage == FaultStage.Part).Select(w => w.PartNumber).OrderBy(n => n));
        Assert.Single(writes, w => w.Key == Prefix + BigFile && w.Stage == FaultStage.Complete);
        Assert.Single(writes, w => w.Key == Prefix + ThresholdFile && w.Stage == FaultStage.Put);
        Assert.DoesNotContain(writes, w => w.Key == Prefix + ThresholdFile && w.Stage != FaultStage.Put);
    }

    private static string SummaryLine(DotnetResult result) =>
        result.Output.Split('\n').SingleOrDefault(l => l.Contains("Crc64Upload: Uploaded", StringComparison.Ordinal))
        ?? throw new Xunit.Sdk.XunitException("no Crc64Upload summary line in:\n" + result.Output);

    /// <summary>
    /// Runs dotnet in the workspace with the fixture's package cache plus the bucket's credentials in the environment
    /// (never on the command line), and the upload properties with small parts appended.
    /// </summary>
    private DotnetResult Publish(Workspace workspace, EmulatedBucket bucket, string? binaryLog, params string[] arguments)
    {
        var environment = new Dictionary<string, string>(feed.Environment);
        foreach (KeyValuePair<string, string> credential in bucket.CredentialEnvironment)
        {
            environment[credential.Key] = credential.Value;
        }

        if (binaryLog is not null)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(binaryLog)!);
        }

        DotnetResult result = DotnetProcess.Run(workspace.Root, arguments.Concat(bucket.PublishProperties(SmallParts)).ToList(), environment, binaryLog);
        output.WriteLine($"dotnet {result.Arguments}: exit {result.ExitCode} in {result.Elapsed.TotalSeconds:0.0} s");
        return result;
    }
}
