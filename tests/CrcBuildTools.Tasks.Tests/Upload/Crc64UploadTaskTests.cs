using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using CrcBuildTools.Emulator;
using CrcBuildTools.Manifests;
using CrcBuildTools.ObjectStorage;
using Microsoft.Build.Framework;
using TaskItem = Microsoft.Build.Utilities.TaskItem;
using Xunit;

namespace CrcBuildTools.Tasks.Tests.Upload;

/// <summary>
/// The upload task over the emulator: the manifest alone says what is uploaded, a folder that disagrees with it is
/// refused before any request, failures are CRC3xxx errors, the node is kept (never yielded: a yielded task is not waited for on Ctrl+C), and no secret reaches
/// the log. Environment variables are process-wide, so these tests do not run in parallel with each other.
/// </summary>
[Collection(nameof(Crc64UploadTaskTests))]
public sealed class Crc64UploadTaskTests
{
    [Theory]
    [InlineData(StorageProvider.Cos)]
    [InlineData(StorageProvider.Oss)]
    public async Task Uploads_what_the_manifest_lists_keeps_the_node_and_never_logs_the_secret(StorageProvider provider)
    {
        await using UploadTaskHarness harness = await UploadTaskHarness.StartAsync(provider, requiredToken: UploadTaskHarness.Token);
        harness.AddStandardRelease();
        using var env = EnvironmentScope.Credentials(provider, UploadTaskHarness.Token);

        (bool ok, var engine) = harness.Run();

        Assert.True(ok, string.Join("\n", engine.Everything));
        harness.AssertFolderStored();
        Assert.Single(engine.Messages, m => m.Message!.StartsWith("Crc64Upload: Uploaded 4 file(s)", StringComparison.Ordinal));
        Assert.Contains(engine.Messages, m => m.Message!.StartsWith("Uploaded app/1.0.0/data/big.bin", StringComparison.Ordinal) && m.Message.Contains("3 parts", StringComparison.Ordinal));
        Assert.Empty(engine.NodeEvents); // kept for the whole upload, so that a cancelled build waits for the aborts
        UploadTaskHarness.AssertNoSecretIn(engine.Everything);

        (bool again, var second) = harness.Run();
        Assert.True(again);
        Assert.Contains(second.Messages, m => m.Message!.StartsWith("Crc64Upload: Uploaded 0 file(s)", StringComparison.Ordinal) && m.Message.Contains("skipped 4", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Logging_the_whole_environment_with_credentials_set_is_warning_CRC3012()
    {
        await using UploadTaskHarness harness = await UploadTaskHarness.StartAsync(StorageProvider.Oss);
        harness.AddFile("a.txt", 10);
        harness.WriteManifest();
        using var env = EnvironmentScope.Credentials(StorageProvider.Oss);

        using (new EnvironmentScope(("MSBUILDLOGALLENVIRONMENTVARIABLES", "1")))
        {
            (bool ok, var engine) = harness.Run();
            Assert.True(ok, string.Join("\n", engine.Everything));
            BuildWarningEventArgs warning = Assert.Single(engine.Warnings);
            Assert.Equal(StorageErrorCodes.CredentialsLoggedByMSBuild, warning.Code);
            Assert.Contains("OSS_ACCESS_KEY_SECRET", warning.Message, StringComparison.Ordinal);
            Assert.Equal("https://github.com/crcbuildtools/crcbuildtools/blob/main/docs/upload.md#error-codes", warning.HelpLink);
            UploadTaskHarness.AssertNoSecretIn(engine.Everything);
        }

        using (new EnvironmentScope(("MSBUILDLOGALLENVIRONMENTVARIABLES", null)))
        {
            (bool ok, var engine) = harness.Run();
            Assert.True(ok);
            Assert.Empty(engine.Warnings);
        }
    }

    [Fact]
    public async Task A_file_the_manifest_does_not_list_is_not_uploaded()
    {
        await using UploadTaskHarness harness = await UploadTaskHarness.StartAsync(StorageProvider.Cos);
        harness.AddStandardRelease();
        harness.AddFile("dropped-in-later.txt", 100, 7);
        using var env = EnvironmentScope.Credentials(StorageProvider.Cos);

        (bool ok, var engine) = harness.Run();

        Assert.True(ok, string.Join("\n", engine.Everything));
        Assert.NotNull(harness.Stored("app.dll"));
        Assert.Null(harness.Stored("dropped-in-later.txt"));
        Assert.True(harness.ManifestUploaded);
    }

    [Fact]
    public async Task A_listed_file_that_is_missing_is_CRC3020_before_any_request()
    {
        await using UploadTaskHarness harness = await UploadTaskHarness.StartAsync(StorageProvider.Oss);
        harness.AddStandardRelease();
        File.Delete(Path.Combine(harness.Publish, "empty.txt"));
        using var env = EnvironmentScope.Credentials(StorageProvider.Oss);

        (bool ok, var engine) = harness.Run();

        Assert.False(ok);
        BuildErrorEventArgs error = Assert.Single(engine.Errors);
        Assert.Equal(StorageErrorCodes.LocalFileUnreadable, error.Code);
        Assert.EndsWith("empty.txt", error.File, StringComparison.Ordinal);
        Assert.Contains("the manifest lists 'empty.txt'", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(harness.Server.Requests);
        Assert.Empty(engine.NodeEvents);
    }

    [Fact]
    public async Task A_listed_file_of_another_length_is_CRC3021_before_any_request()
    {
        await using UploadTaskHarness harness = await UploadTaskHarness.StartAsync(StorageProvider.Cos);
        harness.AddStandardRelease();
        harness.AddFile("app.dll", 5001, 1);
        using var env = EnvironmentScope.Credentials(StorageProvider.Cos);

        (bool ok, var engine) = harness.Run();

        Assert.False(ok);
        BuildErrorEventArgs error = Assert.Single(engine.Errors);
        Assert.Equal(StorageErrorCodes.LocalFileChanged, error.Code);
        Assert.Contains("5001 bytes, but the manifest lists 5000", error.Message, StringComparison.Ordinal);
        Assert.Empty(harness.Server.Requests);
    }

    [Fact]
    public async Task A_listed_file_with_other_bytes_of_the_same_length_is_CRC3021_and_the_manifest_stays_out()
    {
        await using UploadTaskHarness harness = await UploadTaskHarness.StartAsync(StorageProvider.Cos);
        harness.AddStandardRelease();
        harness.AddFile("app.dll", 5000, seed: 99);
        using var env = EnvironmentScope.Credentials(StorageProvider.Cos);

        (bool ok, var engine) = harness.Run();

        Assert.False(ok);
        Assert.Equal(StorageErrorCodes.LocalFileChanged, Assert.Single(engine.Errors).Code);
        Assert.Null(harness.Stored("app.dll"));
        Assert.False(harness.ManifestUploaded);
        Assert.Empty(engine.NodeEvents);
    }

    [Fact]
    public async Task Files_passed_beside_the_manifest_must_agree_with_it()
    {
        await using UploadTaskHarness harness = await UploadTaskHarness.StartAsync(StorageProvider.Oss);
        harness.AddFile("app.dll", 5000, 1);
        harness.AddFile("other.dll", 10, 2);
        ITaskItem[] checksums = harness.WriteManifest();
        using var env = EnvironmentScope.Credentials(StorageProvider.Oss);

        // The same items the manifest task returned: accepted, and the manifest's files uploaded.
        (bool ok, var engine) = harness.Run(task => task.Files = checksums);
        Assert.True(ok, string.Join("\n", engine.Everything));

        // A subset: the file left out is named, nothing is uploaded.
        int before = harness.Server.Requests.Count;
        (ok, engine) = harness.Run(task => task.Files = checksums.Take(1).ToArray());
        Assert.False(ok);
        Assert.Equal(StorageErrorCodes.InvalidUploadItem, Assert.Single(engine.Errors).Code);
        Assert.Equal(before, harness.Server.Requests.Count);

        // An item naming a file the manifest does not list, and one whose CRC differs.
        var stranger = new TaskItem(Path.Combine(harness.Publish, "stranger.dll"));
        stranger.SetMetadata("RelativePath", "stranger.dll");
        var changed = new TaskItem(checksums[0]);
        changed.SetMetadata("Crc64", "1");
        (ok, engine) = harness.Run(task => task.Files = new ITaskItem[] { stranger, changed, checksums[1] });
        Assert.False(ok);
        Assert.Equal(2, engine.Errors.Count);
        Assert.All(engine.Errors, e => Assert.Equal(StorageErrorCodes.InvalidUploadItem, e.Code));
        Assert.Contains(engine.Errors, e => e.Message.Contains("is not listed in the manifest", StringComparison.Ordinal));
        Assert.Contains(engine.Errors, e => e.Message.Contains("differs from its manifest entry", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_missing_or_malformed_manifest_is_a_coded_error_and_nothing_is_sent()
    {
        await using UploadTaskHarness harness = await UploadTaskHarness.StartAsync(StorageProvider.Cos);
        harness.AddFile("app.dll", 10);
        using var env = EnvironmentScope.Credentials(StorageProvider.Cos);

        (bool ok, var engine) = harness.Run();
        Assert.False(ok);
        Assert.Equal(StorageErrorCodes.ManifestToUploadUnreadable, Assert.Single(engine.Errors).Code);

        File.WriteAllText(harness.ManifestPath, "{\"files\": 3}\n");
        (ok, engine) = harness.Run();
        Assert.False(ok);
        Assert.Equal(Crc64ErrorCodes.ManifestMalformed, Assert.Single(engine.Errors).Code);

        (ok, engine) = harness.Run(task => task.ManifestPath = " ");
        Assert.False(ok);
        Assert.Equal(StorageErrorCodes.InvalidUploadItem, Assert.Single(engine.Errors).Code);
        Assert.Empty(harness.Server.Requests);
    }

    [Fact]
    public async Task Failures_are_logged_as_CRC3xxx_errors_with_the_file()
    {
        await using UploadTaskHarness harness = await UploadTaskHarness.StartAsync(StorageProvider.Oss);
        harness.AddStandardRelease();
        using var env = EnvironmentScope.Credentials(StorageProvider.Oss);
        harness.Server.Faults.Add(new FaultRule(FaultKind.WrongCrcHeader, FaultStage.Part, Count: 1000));

        (bool ok, var engine) = harness.Run();

        Assert.False(ok);
        BuildErrorEventArgs error = Assert.Single(engine.Errors);
        Assert.Equal(StorageErrorCodes.PartCrcMismatch, error.Code);
        Assert.Equal("https://github.com/crcbuildtools/crcbuildtools/blob/main/docs/upload.md#error-codes", error.HelpLink);
        Assert.DoesNotContain("CRC3031", error.Message, StringComparison.Ordinal); // the code is in its own column
        Assert.EndsWith("big.bin", error.File, StringComparison.Ordinal);
        Assert.Contains("remote CRC-64", error.Message, StringComparison.Ordinal);
        Assert.False(harness.ManifestUploaded);
        harness.AssertNoOrphanedUploads();
        Assert.Contains(engine.Messages, m => m.Message!.StartsWith("Retrying part", StringComparison.Ordinal));
        UploadTaskHarness.AssertNoSecretIn(engine.Everything);
    }

    [Fact]
    public async Task Missing_credentials_and_bad_settings_are_coded_errors()
    {
        await using UploadTaskHarness harness = await UploadTaskHarness.StartAsync(StorageProvider.Cos);
        harness.AddFile("a.txt", 10);
        harness.WriteManifest();
        using var env = new EnvironmentScope(("COS_SECRET_ID", null), ("COS_SECRET_KEY", null), ("TENCENTCLOUD_SECRET_ID", null), ("TENCENTCLOUD_SECRET_KEY", null));

        (bool ok, var engine) = harness.Run();
        Assert.False(ok);
        Assert.Equal(StorageErrorCodes.MissingCredentials, Assert.Single(engine.Errors).Code);

        (ok, engine) = harness.Run(task => task.Endpoint = "http://storage.example.com");
        Assert.False(ok);
        Assert.Equal(StorageErrorCodes.InsecureEndpoint, Assert.Single(engine.Errors).Code);

        (ok, engine) = harness.Run(task => task.Provider = "s3");
        Assert.Equal(StorageErrorCodes.UnknownProvider, Assert.Single(engine.Errors).Code);
    }

    [Theory]
    [InlineData(nameof(Crc64Upload.RequestTimeoutSeconds), "5000000", "Crc64UploadRequestTimeoutSeconds 5000000 is out of range: use 1 to 86400 seconds")]
    [InlineData(nameof(Crc64Upload.RequestTimeoutSeconds), "0", "Crc64UploadRequestTimeoutSeconds 0 is out of range")]
    [InlineData(nameof(Crc64Upload.RequestTimeoutSeconds), "-1", "Crc64UploadRequestTimeoutSeconds -1 is out of range")]
    [InlineData(nameof(Crc64Upload.RequestTimeoutSeconds), "1e3", "Crc64UploadRequestTimeoutSeconds is '1e3', which is not a whole number")]
    [InlineData(nameof(Crc64Upload.Parallelism), "-5", "Crc64UploadParallelism -5 is out of range: use 1 to 64")]
    [InlineData(nameof(Crc64Upload.Parallelism), "0", "Crc64UploadParallelism 0 is out of range")]
    [InlineData(nameof(Crc64Upload.Parallelism), "65", "Crc64UploadParallelism 65 is out of range")]
    [InlineData(nameof(Crc64Upload.Parallelism), "four", "Crc64UploadParallelism is 'four', which is not a whole number")]
    [InlineData(nameof(Crc64Upload.MaxAttempts), "0", "Crc64UploadMaxAttempts 0 is out of range: use 1 to 20")]
    [InlineData(nameof(Crc64Upload.MaxAttempts), "21", "Crc64UploadMaxAttempts 21 is out of range")]
    [InlineData(nameof(Crc64Upload.PartSize), "-1", "Crc64UploadPartSize -1 is out of range")]
    [InlineData(nameof(Crc64Upload.PartSize), "2147483648", "Crc64UploadPartSize 2147483648 is out of range")]
    [InlineData(nameof(Crc64Upload.PartSize), "8MiB", "Crc64UploadPartSize is '8MiB', which is not a whole number")]
    [InlineData(nameof(Crc64Upload.MultipartThreshold), "0", "Crc64UploadMultipartThreshold 0 is out of range")]
    [InlineData(nameof(Crc64Upload.MultipartThreshold), "99999999999999999999", "which is not a whole number")]
    public async Task Every_numeric_option_out_of_range_or_not_a_number_is_CRC3006_naming_the_property(string property, string value, string text)
    {
        await using UploadTaskHarness harness = await UploadTaskHarness.StartAsync(StorageProvider.Oss);
        harness.AddFile("a.txt", 10);
        harness.WriteManifest();

        (bool ok, var engine) = harness.Run(task => typeof(Crc64Upload).GetProperty(property)!.SetValue(task, value));

        Assert.False(ok);
        BuildErrorEventArgs error = Assert.Single(engine.Errors);
        Assert.Equal(StorageErrorCodes.InvalidTuning, error.Code);
        Assert.Contains(text, error.Message, StringComparison.Ordinal);
        Assert.Empty(harness.Server.Requests);
    }

    [Theory]
    [InlineData("https://deploy:hunter2@cdn.example.com", "'https://***@cdn.example.com'")]
    [InlineData("https://deploy:hunter2@cdn.example.com/sub", "'https://***@cdn.example.com/sub'")]
    [InlineData("http://deploy:hunter2@127.0.0.1:9", "'http://***@127.0.0.1:9'")]
    [InlineData("deploy:hunter2@cdn.example.com", "'***@cdn.example.com'")]
    [InlineData("ftp://deploy:hunter2@cdn.example.com", "'ftp://***@cdn.example.com'")]
    public async Task A_password_in_the_endpoint_is_never_echoed(string endpoint, string shown)
    {
        await using UploadTaskHarness harness = await UploadTaskHarness.StartAsync(StorageProvider.Oss);
        harness.AddFile("a.txt", 10);
        harness.WriteManifest();

        (bool ok, var engine) = harness.Run(task => task.Endpoint = endpoint);

        Assert.False(ok);
        BuildErrorEventArgs error = Assert.Single(engine.Errors);
        Assert.Equal(StorageErrorCodes.InvalidEndpoint, error.Code);
        Assert.Contains(shown, error.Message, StringComparison.Ordinal);
        Assert.All(engine.Everything, m => Assert.DoesNotContain("hunter2", m, StringComparison.Ordinal));
        Assert.All(engine.Everything, m => Assert.DoesNotContain("deploy:", m, StringComparison.Ordinal));
    }
}

[CollectionDefinition(nameof(Crc64UploadTaskTests), DisableParallelization = true)]
public sealed class Crc64UploadTaskTestsCollection
{
}
