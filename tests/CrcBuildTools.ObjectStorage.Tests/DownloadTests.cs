using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using CrcBuildTools.Emulator;
using CrcBuildTools.Hashing;
using CrcBuildTools.Manifests;
using Xunit;

namespace CrcBuildTools.ObjectStorage.Tests;

public sealed class DownloadTests
{
    [Theory]
    [InlineData(StorageProvider.Cos)]
    [InlineData(StorageProvider.Oss)]
    public async Task Downloads_every_file_verified_into_a_new_folder(StorageProvider provider)
    {
        await using DownloadHarness harness = await DownloadHarness.StartAsync(provider);
        harness.AddStandardRelease();
        harness.Publish();

        DownloadSummary summary = await harness.DownloadAsync();

        harness.AssertDestinationIsRelease();
        Assert.Equal(4, summary.FilesFetched);
        Assert.Equal(4, summary.VerifiedWithHeader);
        Assert.Contains(summary.Files, f => f.Path == "data/big.bin" && f.Ranges == 3);

        // Every range asked for exactly its bytes, guarded by the ETag the HEAD saw; OSS also asked for standard range behaviour.
        var ranges = harness.Server.Requests.Where(r => r.Headers.ContainsKey("range")).ToList();
        Assert.Equal(3, ranges.Count);
        Assert.All(ranges, r => Assert.True(r.Headers.ContainsKey("if-match")));
        Assert.All(ranges, r => Assert.Equal(provider == StorageProvider.Oss, r.Headers.ContainsKey("x-oss-range-behavior")));
        harness.AssertNoSecretIn(Array.Empty<string>());
    }

    [Fact]
    public async Task A_second_download_keeps_everything_and_touches_nothing()
    {
        await using DownloadHarness harness = await DownloadHarness.StartAsync(StorageProvider.Oss);
        harness.AddStandardRelease();
        harness.Publish();
        await harness.DownloadAsync();
        DateTime stamp = File.GetLastWriteTimeUtc(Path.Combine(harness.Destination, "app.dll"));
        int before = harness.Server.Requests.Count;

        DownloadSummary summary = await harness.DownloadAsync();

        Assert.Equal(0, summary.FilesFetched);
        Assert.Equal(4, summary.FilesKept);
        Assert.False(summary.DestinationChanged);
        Assert.Equal(stamp, File.GetLastWriteTimeUtc(Path.Combine(harness.Destination, "app.dll")));
        Assert.Single(harness.Server.Requests.Skip(before)); // only the manifest
        harness.AssertDestinationIsRelease();
    }

    [Fact]
    public async Task A_new_release_replaces_the_old_one_keeps_unchanged_files_and_the_users_own()
    {
        await using DownloadHarness harness = await DownloadHarness.StartAsync(StorageProvider.Cos);
        harness.AddStandardRelease();
        harness.AddFile("obsolete.txt", DownloadHarness.Bytes(300, 9));
        harness.Publish();
        await harness.DownloadAsync();
        File.WriteAllText(Path.Combine(harness.Destination, "my-notes.txt"), "mine");

        // Release 2: app.dll changes, obsolete.txt goes, the rest stays.
        harness.RemoveFile("obsolete.txt");
        harness.AddFile("app.dll", DownloadHarness.Bytes(6000, 42));
        harness.Publish();

        DownloadSummary summary = await harness.DownloadAsync();

        Assert.Equal(1, summary.FilesFetched);
        Assert.Equal(3, summary.FilesKept);
        Assert.Equal(1, summary.PreviousReleaseFilesRemoved);
        Assert.Equal(new[] { "my-notes.txt" }, summary.ExtraFiles);
        Assert.Contains(DownloadErrorCodes.ExtraFilesInDestination, harness.Observer.Warnings);
        harness.AssertDestinationIsRelease("my-notes.txt");
        Assert.Equal("mine", File.ReadAllText(Path.Combine(harness.Destination, "my-notes.txt")));

        await harness.DownloadAsync(options: harness.Options(deleteExtra: true));
        harness.AssertDestinationIsRelease();
    }

    [Fact]
    public async Task A_missing_manifest_is_CRC4010_and_nothing_is_written()
    {
        await using DownloadHarness harness = await DownloadHarness.StartAsync(StorageProvider.Oss);
        harness.AddStandardRelease(); // no Publish: files without a manifest are no release

        ObjectStorageException error = await Assert.ThrowsAsync<ObjectStorageException>(() => harness.DownloadAsync());

        Assert.Equal(DownloadErrorCodes.ManifestNotFound, error.Code);
        Assert.False(Directory.Exists(harness.Destination));
        Assert.Empty(Directory.EnumerateFileSystemEntries(harness.Root));
    }

    [Fact]
    public async Task An_https_source_with_stripped_headers_passes_on_the_manifest_and_counts_them()
    {
        await using DownloadHarness harness = await DownloadHarness.StartAsync(StorageProvider.Oss, publicRead: true);
        harness.AddStandardRelease();
        harness.Publish();
        harness.Server.Faults.Add(new FaultRule(FaultKind.MissingCrcHeader, FaultStage.Get, 1000));
        harness.Server.Faults.Add(new FaultRule(FaultKind.MissingCrcHeader, FaultStage.Head, 1000));

        DownloadSummary summary = await harness.DownloadAsync(harness.AnonymousSource());

        harness.AssertDestinationIsRelease();
        Assert.Equal(4, summary.VerifiedWithoutHeader);
        Assert.Equal(0, summary.VerifiedWithHeader);
        Assert.Contains("4 without a header", summary.ToString(), StringComparison.Ordinal);
        Assert.Contains(DownloadErrorCodes.NoCrcHeader, harness.Observer.Warnings);
        Assert.All(harness.Server.Requests, r => Assert.False(r.Headers.ContainsKey("authorization"), "an https source sends no credentials"));

        // Required, a missing header fails and DEST stays as it was.
        Directory.Delete(harness.Destination, recursive: true);
        ObjectStorageException error = await Assert.ThrowsAsync<ObjectStorageException>(() =>
            harness.DownloadAsync(harness.AnonymousSource(), harness.Options(requireHeader: true)));
        Assert.Equal(DownloadErrorCodes.NoCrcHeader, error.Code);
        Assert.False(Directory.Exists(harness.Destination));
    }

    [Fact]
    public async Task A_channel_pointer_is_followed_and_checked()
    {
        await using DownloadHarness harness = await DownloadHarness.StartAsync(StorageProvider.Cos);
        harness.AddStandardRelease();
        harness.Publish();
        var pointer = new Crc64ChannelPointer("stable", "1.0.0", "app/channels/stable.json", harness.ManifestKey, harness.ManifestBytes.Length, Crc64Xz.Hash(harness.ManifestBytes));
        harness.Server.Store.Put("app/channels/stable.json", System.Text.Encoding.UTF8.GetBytes(pointer.ToJson()));

        DownloadSummary summary = await harness.DownloadAsync(harness.Source("app/channels/stable.json"));

        Assert.Equal("1.0.0", summary.Version);
        harness.AssertDestinationIsRelease();

        // A pointer whose manifest changed behind it: CRC4012, DEST untouched.
        var stale = new Crc64ChannelPointer("stable", "1.0.0", "app/channels/stable.json", harness.ManifestKey, harness.ManifestBytes.Length, 12345);
        harness.Server.Store.Put("app/channels/stable.json", System.Text.Encoding.UTF8.GetBytes(stale.ToJson()));
        var before = harness.Snapshot();
        ObjectStorageException error = await Assert.ThrowsAsync<ObjectStorageException>(() => harness.DownloadAsync(harness.Source("app/channels/stable.json")));
        Assert.Equal(DownloadErrorCodes.PointerMismatch, error.Code);
        Assert.Equal(before, harness.Snapshot());
    }

    [Fact]
    public async Task An_object_replaced_in_the_bucket_is_CRC4022_and_dest_is_unchanged()
    {
        await using DownloadHarness harness = await DownloadHarness.StartAsync(StorageProvider.Oss);
        harness.AddStandardRelease();
        harness.Publish();
        harness.Server.Store.Put(DownloadHarness.Prefix + "app.dll", DownloadHarness.Bytes(5000, 77)); // same key and length, other bytes
        Directory.CreateDirectory(harness.Destination);
        File.WriteAllText(Path.Combine(harness.Destination, "keep.txt"), "x");
        var before = harness.Snapshot();

        ObjectStorageException error = await Assert.ThrowsAsync<ObjectStorageException>(() => harness.DownloadAsync());

        Assert.Equal(DownloadErrorCodes.CrcHeaderDiffers, error.Code);
        Assert.Equal(DownloadHarness.Prefix + "app.dll", error.ObjectKey);
        Assert.NotEqual(error.LocalCrc, error.RemoteCrc);
        Assert.Equal(before, harness.Snapshot());
    }
}
