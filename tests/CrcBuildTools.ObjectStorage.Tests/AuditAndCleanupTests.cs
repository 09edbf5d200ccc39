using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using CrcBuildTools.Emulator;
using CrcBuildTools.Hashing;
using CrcBuildTools.Manifests;
using Xunit;

namespace CrcBuildTools.ObjectStorage.Tests;

public sealed class AuditAndCleanupTests
{
    [Theory]
    [InlineData(StorageProvider.Cos)]
    [InlineData(StorageProvider.Oss)]
    public async Task A_clean_release_audits_clean_by_HEAD_alone(StorageProvider provider)
    {
        await using DownloadHarness harness = await DownloadHarness.StartAsync(provider);
        harness.AddStandardRelease();
        harness.Publish();

        AuditReport report = await AuditAsync(harness, new AuditOptions { ListExtraObjects = true });

        Assert.True(report.IsClean, report.ToString());
        Assert.Equal(4, report.Count(AuditState.Verified));
        Assert.DoesNotContain(harness.Server.Requests, r => r.Method == "GET" && r.Key != harness.ManifestKey && r.Key.Length > 0);
    }

    [Theory]
    [InlineData(StorageProvider.Cos)]
    [InlineData(StorageProvider.Oss)]
    public async Task Replaced_missing_headerless_and_extra_objects_each_get_their_own_state_and_code(StorageProvider provider)
    {
        await using DownloadHarness harness = await DownloadHarness.StartAsync(provider);
        harness.AddStandardRelease();
        harness.AddFile("short.bin", DownloadHarness.Bytes(100, 5));
        harness.Publish();
        harness.Server.Store.Put(DownloadHarness.Prefix + "app.dll", DownloadHarness.Bytes(5000, 77));           // replaced: same length, other bytes
        harness.Server.Store.Delete(DownloadHarness.Prefix + "data/nested/config.json");                        // missing
        StoredObject copied = harness.Server.Store.Get(DownloadHarness.Prefix + "data/big.bin")!;
        harness.Server.Store.Put(copied with { HasCrcHeader = false });                                          // copied/old: no header
        harness.Server.Store.Put(DownloadHarness.Prefix + "short.bin", DownloadHarness.Bytes(99, 5));            // other length
        harness.Server.Store.Put(DownloadHarness.Prefix + "stray/left-over.pdb", DownloadHarness.Bytes(10, 6));  // extra

        AuditReport withoutListing = await AuditAsync(harness, new AuditOptions());
        Assert.Equal(0, withoutListing.Count(AuditState.Extra));

        AuditReport report = await AuditAsync(harness, new AuditOptions { ListExtraObjects = true });

        Assert.False(report.IsClean);
        Assert.Equal(AuditState.CrcDiffers, State(report, "app.dll"));
        Assert.Equal(AuditState.Missing, State(report, "data/nested/config.json"));
        Assert.Equal(AuditState.NoCrcHeader, State(report, "data/big.bin"));
        Assert.Equal(AuditState.LengthDiffers, State(report, "short.bin"));
        Assert.Equal(AuditState.Verified, State(report, "empty.txt"));
        Assert.Equal(AuditState.Extra, State(report, "stray/left-over.pdb"));
        Assert.Equal(DownloadErrorCodes.CrcHeaderDiffers, report.Findings.Single(f => f.Path == "app.dll").Code);
        Assert.Equal(DownloadErrorCodes.ExtraObject, report.Findings.Single(f => f.State == AuditState.Extra).Code);
        Assert.Contains("1 without a CRC-64 header", report.ToString(), StringComparison.Ordinal);

        // Missing headers can be tolerated; the state is still reported.
        harness.Server.Store.Put(DownloadHarness.Prefix + "app.dll", harness.Files["app.dll"]);
        harness.Server.Store.Put(DownloadHarness.Prefix + "data/nested/config.json", harness.Files["data/nested/config.json"]);
        harness.Server.Store.Put(DownloadHarness.Prefix + "short.bin", harness.Files["short.bin"]);
        AuditReport tolerant = await AuditAsync(harness, new AuditOptions { AllowMissingCrcHeader = true });
        Assert.True(tolerant.IsClean);
        Assert.Equal(1, tolerant.Count(AuditState.NoCrcHeader));
    }

    [Fact]
    public async Task A_local_manifest_is_compared_with_the_bucket_including_the_manifest_object()
    {
        await using DownloadHarness harness = await DownloadHarness.StartAsync(StorageProvider.Oss);
        harness.AddStandardRelease();
        harness.Publish();
        string local = Path.Combine(harness.Root, "built.crc64.json");
        File.WriteAllBytes(local, harness.ManifestBytes);

        AuditReport same = await AuditAsync(harness, new AuditOptions { LocalManifestPath = local });
        Assert.True(same.IsClean, same.ToString());
        Assert.Equal(5, same.Count(AuditState.Verified)); // four files and the manifest object

        // What I built differs from what is in the bucket: one more file, and so another manifest.
        var entries = harness.Files.Select(f => new Crc64ManifestEntry(f.Key, f.Value.Length, Crc64Xz.Hash(f.Value))).ToList();
        entries.Add(new Crc64ManifestEntry("new.dll", 10, 1));
        File.WriteAllBytes(local, Crc64ManifestWriter.ToBytes(new Crc64Manifest(entries)));
        AuditReport differs = await AuditAsync(harness, new AuditOptions { LocalManifestPath = local });
        Assert.Equal(AuditState.Missing, State(differs, "new.dll"));
        Assert.Equal(AuditState.LengthDiffers, State(differs, DownloadHarness.ManifestName));
    }

    [Fact]
    public async Task Ten_thousand_objects_audit_clean()
    {
        await using DownloadHarness harness = await DownloadHarness.StartAsync(StorageProvider.Oss);
        for (int i = 0; i < 10_000; i++)
        {
            harness.AddFile($"f/{i / 100:D3}/{i:D5}.bin", BitConverter.GetBytes(i));
        }

        harness.Publish();

        AuditReport report = await AuditAsync(harness, new AuditOptions { ListExtraObjects = true, Parallelism = 16 });

        Assert.True(report.IsClean, report.ToString());
        Assert.Equal(10_000, report.Count(AuditState.Verified));
        Assert.Equal(10_000, harness.Server.Requests.Count(r => r.Method == "HEAD"));
    }

    [Theory]
    [InlineData(StorageProvider.Cos)]
    [InlineData(StorageProvider.Oss)]
    public async Task Cleanup_lists_and_aborts_what_an_interrupted_upload_left(StorageProvider provider)
    {
        await using DownloadHarness harness = await DownloadHarness.StartAsync(provider);
        var options = new ObjectStorageOptions
        {
            Provider = provider, Bucket = harness.Server.Options.Bucket, Region = harness.Server.Options.Region, Endpoint = harness.Server.Url,
        };
        using (var client = new ObjectStorageClient(options, new StorageCredentials(EmulatorHarness.AccessKeyId, EmulatorHarness.Secret)))
        {
            // What a SIGKILLed upload leaves: an initiated upload with a part, never completed nor aborted.
            string id = await client.InitiateMultipartUploadAsync("app/1.0.0/big.bin");
            await client.UploadPartAsync("app/1.0.0/big.bin", id, 1, new ArraySegment<byte>(new byte[1024]));
            await client.InitiateMultipartUploadAsync("app/2.0.0/other.bin");
            await client.InitiateMultipartUploadAsync("elsewhere/x.bin");
        }

        harness.Server.Store.Uploads.Single(u => u.Key == "app/1.0.0/big.bin").Initiated = DateTimeOffset.UtcNow.AddDays(-3);
        using var cleaner = new UnfinishedUploadCleaner(harness.Source("app/", harness.SourceOptions()));

        var all = await cleaner.ListAsync();
        Assert.Equal(new[] { "app/1.0.0/big.bin", "app/2.0.0/other.bin" }, all.Select(u => u.Key).ToArray());
        Assert.True(all[0].AgeAt(DateTimeOffset.UtcNow) > TimeSpan.FromDays(2));

        var old = await cleaner.ListAsync(TimeSpan.FromDays(1));
        Assert.Equal("app/1.0.0/big.bin", Assert.Single(old).Key);
        await cleaner.AbortAsync(old[0]);

        Assert.Equal(new[] { "app/2.0.0/other.bin", "elsewhere/x.bin" }, harness.Server.Store.Uploads.Select(u => u.Key).OrderBy(k => k).ToArray());
        Assert.Throws<ObjectStorageException>(() => new UnfinishedUploadCleaner(ReleaseSource.Parse("https://cdn.example.com/app/")));
    }

    private static AuditState State(AuditReport report, string path) => report.Findings.Single(f => f.Path == path).State;

    private static async Task<AuditReport> AuditAsync(DownloadHarness harness, AuditOptions options)
    {
        using var auditor = new ReleaseAuditor(harness.Source(), options);
        return await auditor.AuditAsync();
    }
}
