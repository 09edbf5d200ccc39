using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using CrcBuildTools.Hashing;
using CrcBuildTools.Emulator;
using Xunit;

namespace CrcBuildTools.ObjectStorage.Tests;

/// <summary>
/// The upload applies the manifest's file rules to what it reads: a link out of the publish folder is refused even
/// when its target has exactly the manifest's bytes, and a pipe is refused without being opened. Nothing is
/// uploaded for them, the manifest is not uploaded, and no multipart upload is left open.
/// </summary>
public sealed class HostileUploadFileTests
{
    [Fact]
    public async Task A_file_replaced_by_a_link_out_of_the_publish_folder_is_CRC3061_even_with_the_same_bytes()
    {
        await using EmulatorHarness harness = await EmulatorHarness.StartAsync(StorageProvider.Oss);
        harness.AddFile("app.dll", 5000, 1);
        UploadItem big = harness.AddFile("data/big.bin", harness.PartSize * 2 + 7, 3);
        string outside = Path.Combine(Path.GetTempPath(), "crc-upload-outside-" + Guid.NewGuid().ToString("N"));
        try
        {
            File.Move(big.LocalPath, outside);
            File.CreateSymbolicLink(big.LocalPath, outside); // same length and CRC as the manifest says

            var error = await Assert.ThrowsAsync<ObjectStorageException>(() => harness.UploadAsync());

            Assert.Equal(StorageErrorCodes.LinkLeavesPublishFolder, error.Code);
            Assert.Equal(big.LocalPath, error.FilePath);
            Assert.Null(harness.Server.Store.Get(EmulatorHarness.Prefix + "data/big.bin"));
            Assert.False(harness.ManifestUploaded);
            harness.AssertNoOrphanedUploads();
        }
        finally
        {
            File.Delete(outside);
        }
    }

    [Fact]
    public async Task A_link_inside_the_publish_folder_is_uploaded_as_its_target()
    {
        await using EmulatorHarness harness = await EmulatorHarness.StartAsync(StorageProvider.Cos);
        UploadItem real = harness.AddFile("lib/real.dll", 4000, 5);
        string alias = Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(real.LocalPath)!)!, "alias.dll");
        File.CreateSymbolicLink(alias, Path.Combine("lib", "real.dll"));

        using ObjectStorageClient client = harness.Client();
        var uploader = new ReleaseUploader(client);
        await uploader.UploadAsync(new[] { real, real with { LocalPath = alias, RelativePath = "alias.dll" } }, harness.Manifest());

        Assert.Equal(File.ReadAllBytes(real.LocalPath), harness.Server.Store.Get(EmulatorHarness.Prefix + "alias.dll")!.Bytes);
        Assert.True(harness.ManifestUploaded);
    }

    [Fact]
    public async Task A_pipe_where_a_published_file_was_is_CRC3062_without_blocking()
    {
        await using EmulatorHarness harness = await EmulatorHarness.StartAsync(StorageProvider.Oss);
        UploadItem log = harness.AddFile("app.log", 0, 4);
        File.Delete(log.LocalPath);
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", new[] { "--", log.LocalPath })!)
        {
            await mkfifo.WaitForExitAsync();
        }

        Task<UploadSummary> upload = harness.UploadAsync();
        Assert.Same(upload, await Task.WhenAny(upload, Task.Delay(TimeSpan.FromSeconds(60))));
        var error = await Assert.ThrowsAsync<ObjectStorageException>(() => upload);

        Assert.Equal(StorageErrorCodes.NotARegularFile, error.Code);
        Assert.Contains("pipe (FIFO)", error.Message, StringComparison.Ordinal);
        Assert.False(harness.ManifestUploaded);
    }
}
