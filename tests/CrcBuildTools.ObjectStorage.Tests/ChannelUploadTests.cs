using System;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using CrcBuildTools.Emulator;
using CrcBuildTools.Hashing;
using CrcBuildTools.Manifests;
using Xunit;

namespace CrcBuildTools.ObjectStorage.Tests;

public sealed class ChannelUploadTests
{
    private static readonly ReleaseChannel Stable = new("stable", "app/channels/stable.json", "1.0.0");

    [Theory]
    [InlineData(StorageProvider.Cos)]
    [InlineData(StorageProvider.Oss)]
    public async Task The_pointer_is_uploaded_last_names_the_manifest_and_is_not_cached(StorageProvider provider)
    {
        await using EmulatorHarness harness = await EmulatorHarness.StartAsync(provider);
        harness.AddStandardRelease();

        UploadSummary summary = await UploadAsync(harness, Stable);

        RecordedRequest lastWrite = harness.Server.Requests.Last(r => r.Stage is FaultStage.Put or FaultStage.Complete);
        Assert.Equal(Stable.Key, lastWrite.Key);
        Assert.Equal("no-cache", lastWrite.Headers["cache-control"]);
        Assert.Equal(5, summary.FilesUploaded);

        StoredObject manifest = harness.Server.Store.Get(EmulatorHarness.Prefix + EmulatorHarness.ManifestName)!;
        string json = Encoding.UTF8.GetString(harness.Server.Store.Get(Stable.Key)!.Bytes!);
        Assert.True(Crc64ChannelPointer.TryParse(json, "pointer", out Crc64ChannelPointer? pointer));
        Assert.Equal("1.0.0", pointer!.Version);
        Assert.Equal(EmulatorHarness.Prefix + EmulatorHarness.ManifestName, pointer.ManifestKey);
        Assert.Equal(manifest.Length, pointer.ManifestLength);
        Assert.Equal(manifest.Crc64, pointer.ManifestCrc64);
        Assert.Equal(Stable.Key, pointer.ChannelKey);

        // A second identical upload skips the unchanged pointer like any object.
        UploadSummary again = await UploadAsync(harness, Stable);
        Assert.Equal(0, again.FilesUploaded);
    }

    [Fact]
    public async Task The_pointer_is_verified_like_every_object()
    {
        await using EmulatorHarness harness = await EmulatorHarness.StartAsync(StorageProvider.Oss);
        harness.AddStandardRelease();
        harness.Server.Faults.Add(new FaultRule(FaultKind.CorruptStoredBody, FaultStage.Put, 1000, Key: Stable.Key));

        ObjectStorageException error = await Assert.ThrowsAsync<ObjectStorageException>(() => UploadAsync(harness, Stable));

        Assert.Equal(StorageErrorCodes.ObjectCrcMismatch, error.Code);
        Assert.Equal(Stable.Key, error.ObjectKey);
    }

    [Fact]
    public async Task No_pointer_when_a_file_failed_and_bad_channels_are_refused_before_anything_is_sent()
    {
        await using EmulatorHarness harness = await EmulatorHarness.StartAsync(StorageProvider.Cos);
        harness.AddStandardRelease();
        harness.Server.Faults.Add(new FaultRule(FaultKind.WrongCrcHeader, FaultStage.Put, 1000, Key: EmulatorHarness.Prefix + "app.dll"));
        await Assert.ThrowsAsync<ObjectStorageException>(() => UploadAsync(harness, Stable));
        Assert.Null(harness.Server.Store.Get(Stable.Key));
        harness.Server.Faults.Clear();

        await harness.WaitUntilQuietAsync();
        int before = harness.Server.Requests.Count;
        Assert.Equal(StorageErrorCodes.InvalidChannel, (await Assert.ThrowsAsync<ObjectStorageException>(() =>
            UploadAsync(harness, Stable with { Name = "../stable" }))).Code);
        Assert.Equal(StorageErrorCodes.InvalidChannelKey, (await Assert.ThrowsAsync<ObjectStorageException>(() =>
            UploadAsync(harness, Stable with { Key = "app//stable.json" }))).Code);
        Assert.Equal(StorageErrorCodes.ChannelKeyCollides, (await Assert.ThrowsAsync<ObjectStorageException>(() =>
            UploadAsync(harness, Stable with { Key = EmulatorHarness.Prefix + EmulatorHarness.ManifestName }))).Code);
        Assert.Equal(before, harness.Server.Requests.Count);
    }

    private static async Task<UploadSummary> UploadAsync(EmulatorHarness harness, ReleaseChannel channel)
    {
        using ObjectStorageClient client = harness.Client();
        return await new ReleaseUploader(client, harness.Observer).UploadAsync(harness.Files, harness.Manifest(), channel);
    }
}
