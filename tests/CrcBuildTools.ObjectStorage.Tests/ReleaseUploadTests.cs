using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CrcBuildTools.Emulator;
using Xunit;

namespace CrcBuildTools.ObjectStorage.Tests;

public sealed class ReleaseUploadTests
{
    public static TheoryData<StorageProvider, OssSignatureVersion> Dialects => new()
    {
        { StorageProvider.Cos, OssSignatureVersion.V4 },
        { StorageProvider.Oss, OssSignatureVersion.V4 },
        { StorageProvider.Oss, OssSignatureVersion.V1 },
    };

    [Theory]
    [MemberData(nameof(Dialects))]
    public async Task Uploads_every_file_verified_and_the_manifest_last(StorageProvider provider, OssSignatureVersion version)
    {
        await using EmulatorHarness harness = await EmulatorHarness.StartAsync(provider);
        harness.AddStandardRelease();

        UploadSummary summary = await harness.UploadAsync(harness.Options(o => o.WithSignatureVersion(version)));

        harness.AssertAllFilesStored();
        Assert.True(harness.ManifestUploaded);
        harness.AssertNoOrphanedUploads();
        Assert.Equal(4, summary.FilesUploaded);
        Assert.Equal(0, summary.UnverifiedFiles);
        Assert.Contains(harness.Observer.Uploaded, r => r.PartCount == 3 && r.Verified);

        // The manifest's PUT is the last write the bucket saw.
        RecordedRequest lastWrite = harness.Server.Requests.Last(r => r.Stage is FaultStage.Put or FaultStage.Complete);
        Assert.Equal(EmulatorHarness.Prefix + EmulatorHarness.ManifestName, lastWrite.Key);
        Assert.All(harness.Server.Requests, r => Assert.Null(r.ErrorCode));
        harness.AssertNoSecretIn(Array.Empty<string>());
    }

    [Theory]
    [InlineData(StorageProvider.Cos)]
    [InlineData(StorageProvider.Oss)]
    public async Task Odd_keys_round_trip_exactly(StorageProvider provider)
    {
        await using EmulatorHarness harness = await EmulatorHarness.StartAsync(provider);
        string[] names =
        {
            "with space/a b.txt", "plus+sign.txt", "hash#tag.txt", "question?.txt", "percent%20literal.txt",
            "unicode/腾讯云/ünïcødé.txt", "deep/a/b/c/d/e.txt", "(parens)&amp;=semi;colon,comma'quote.txt",
        };
        for (int i = 0; i < names.Length; i++)
        {
            // Skip characters the local file system refuses; the key is what matters.
            if (names[i].IndexOfAny(Path.GetInvalidPathChars()) < 0)
            {
                harness.AddFile(names[i], 100 + i, i);
            }
        }

        harness.AddFile("unicode/大文件.bin", harness.PartSize + 1, 99);
        await harness.UploadAsync();

        harness.AssertAllFilesStored();
        using ObjectStorageClient client = harness.Client();
        foreach (UploadItem item in harness.Files)
        {
            byte[] back = await client.GetObjectAsync(EmulatorHarness.Prefix + item.RelativePath);
            Assert.Equal(File.ReadAllBytes(item.LocalPath), back);
            ObjectMetadata? head = await client.HeadObjectAsync(EmulatorHarness.Prefix + item.RelativePath);
            Assert.Equal(item.Crc64, head!.Crc64);
        }
    }

    [Theory]
    [InlineData(StorageProvider.Cos)]
    [InlineData(StorageProvider.Oss)]
    public async Task Second_upload_of_the_same_release_uploads_nothing(StorageProvider provider)
    {
        await using EmulatorHarness harness = await EmulatorHarness.StartAsync(provider);
        harness.AddStandardRelease();
        await harness.UploadAsync();
        int requestsAfterFirst = harness.Server.Requests.Count;

        UploadSummary second = await harness.UploadAsync();

        Assert.Equal(0, second.FilesUploaded);
        Assert.Equal(4, second.FilesSkipped);
        // One listing looks for uploads a killed run left open; then only HEADs.
        Assert.Equal(FaultStage.ListObjects, harness.Server.Requests.Skip(requestsAfterFirst).First().Stage);
        Assert.All(harness.Server.Requests.Skip(requestsAfterFirst + 1), r => Assert.Equal(FaultStage.Head, r.Stage));
    }

    [Fact]
    public async Task Skip_unchanged_re_uploads_an_object_whose_content_differs_and_can_be_switched_off()
    {
        await using EmulatorHarness harness = await EmulatorHarness.StartAsync(StorageProvider.Oss);
        harness.AddStandardRelease();
        await harness.UploadAsync();
        StoredObject original = harness.Server.Store.Get(EmulatorHarness.Prefix + "app.dll")!;
        harness.Server.Store.Put(original with { Bytes = new byte[original.Length], Crc64 = original.Crc64 ^ 42 });

        UploadSummary second = await harness.UploadAsync();
        Assert.Equal(1, second.FilesUploaded);
        harness.AssertAllFilesStored();

        UploadSummary third = await harness.UploadAsync(harness.Options(o => o.WithSkipUnchanged(false)));
        Assert.Equal(4, third.FilesUploaded);
        Assert.Equal(0, third.FilesSkipped);
    }

    [Theory]
    [InlineData(StorageProvider.Cos, OssSignatureVersion.V4, "x-cos-security-token")]
    [InlineData(StorageProvider.Oss, OssSignatureVersion.V4, "x-oss-security-token")]
    [InlineData(StorageProvider.Oss, OssSignatureVersion.V1, "x-oss-security-token")]
    public async Task Temporary_credentials_send_and_sign_the_session_token(StorageProvider provider, OssSignatureVersion version, string header)
    {
        await using EmulatorHarness harness = await EmulatorHarness.StartAsync(provider, requiredToken: EmulatorHarness.Token);
        harness.AddStandardRelease();
        var temporary = new StorageCredentials(EmulatorHarness.AccessKeyId, EmulatorHarness.Secret, EmulatorHarness.Token);

        await harness.UploadAsync(harness.Options(o => o.WithSignatureVersion(version)), temporary);

        harness.AssertAllFilesStored();
        Assert.All(harness.Server.Requests, r => Assert.Equal(EmulatorHarness.Token, r.Headers[header]));
        if (provider == StorageProvider.Cos)
        {
            Assert.All(harness.Server.Requests, r => Assert.Contains(header, r.Headers["authorization"], StringComparison.Ordinal));
        }

        // Without the token the emulator refuses, like the service: no retry, a CRC3040 naming the token.
        var error = await Assert.ThrowsAsync<ObjectStorageException>(() =>
            harness.UploadAsync(harness.Options(o => o.WithSignatureVersion(version).WithSkipUnchanged(false))));
        Assert.Equal(StorageErrorCodes.AuthorizationFailed, error.Code);
        Assert.Equal("InvalidSecurityToken", error.ServiceErrorCode);
        harness.AssertNoSecretIn(new[] { error.ToString(), temporary.ToString() });
    }

    [Theory]
    [InlineData(StorageProvider.Cos)]
    [InlineData(StorageProvider.Oss)]
    public async Task A_wrong_secret_fails_at_once_with_CRC3040_and_no_retry(StorageProvider provider)
    {
        await using EmulatorHarness harness = await EmulatorHarness.StartAsync(provider);
        harness.AddFile("app.dll", 10);
        var wrong = new StorageCredentials(EmulatorHarness.AccessKeyId, "not-" + EmulatorHarness.Secret);

        var error = await Assert.ThrowsAsync<ObjectStorageException>(() => harness.UploadAsync(credentials: wrong));

        Assert.Equal(StorageErrorCodes.AuthorizationFailed, error.Code);
        Assert.Equal("SignatureDoesNotMatch", error.ServiceErrorCode);
        Assert.Equal(403, error.HttpStatus);
        Assert.StartsWith("EMU", error.RequestId, StringComparison.Ordinal);
        // The first request, the listing that looks for uploads a killed run left open, carries the reason; never retried.
        Assert.Equal(new[] { FaultStage.ListObjects }, harness.Server.Requests.Select(r => r.Stage!.Value));
        Assert.Contains("request id: EMU", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("not-" + EmulatorHarness.Secret, error.ToString(), StringComparison.Ordinal);
        harness.AssertNoSecretIn(new[] { error.ToString() });
    }

    [Theory]
    [InlineData(StorageProvider.Cos)]
    [InlineData(StorageProvider.Oss)]
    public async Task A_skewed_clock_fails_with_CRC3041(StorageProvider provider)
    {
        await using EmulatorHarness harness = await EmulatorHarness.StartAsync(provider);
        harness.AddFile("app.dll", 10);
        harness.Server.Clock = () => DateTimeOffset.UtcNow.AddHours(-3);

        var error = await Assert.ThrowsAsync<ObjectStorageException>(() => harness.UploadAsync());

        Assert.Equal(StorageErrorCodes.ClockSkew, error.Code);
        Assert.Contains("clock", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData(StorageProvider.Cos)]
    [InlineData(StorageProvider.Oss)]
    public async Task Cancellation_stops_promptly_and_aborts_the_open_multipart_upload(StorageProvider provider)
    {
        await using EmulatorHarness harness = await EmulatorHarness.StartAsync(provider, slowAnswer: TimeSpan.FromSeconds(20));
        harness.AddFile("big.bin", harness.PartSize * 4, 5);
        harness.Server.Faults.Add(new FaultRule(FaultKind.SlowAnswer, FaultStage.Part, Count: 100));
        using var cancel = new CancellationTokenSource();
        var options = harness.Options(o => o.WithRequestTimeout(TimeSpan.FromSeconds(30)));

        var clock = Stopwatch.StartNew();
        Task upload = harness.UploadAsync(options, cancellationToken: cancel.Token);
        await WaitUntilAsync(() => harness.Server.Store.Uploads.Count == 1 && harness.Server.Faults.Remaining < 100);
        cancel.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => upload);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"cancellation took {clock.Elapsed}");
        harness.AssertNoOrphanedUploads();
        Assert.False(harness.ManifestUploaded);
        Assert.Contains(harness.Server.Requests, r => r.Stage == FaultStage.Abort && r.Status == 204);
    }

    [Fact]
    public async Task The_emulator_enforces_the_minimum_part_size_and_the_client_reports_it()
    {
        await using EmulatorHarness harness = await EmulatorHarness.StartAsync(StorageProvider.Oss);
        using ObjectStorageClient client = harness.Client();
        string uploadId = await client.InitiateMultipartUploadAsync("small-parts.bin");
        var small = new ArraySegment<byte>(new byte[1000]);
        ObjectWriteResult one = await client.UploadPartAsync("small-parts.bin", uploadId, 1, small);
        ObjectWriteResult two = await client.UploadPartAsync("small-parts.bin", uploadId, 2, small);

        var error = await Assert.ThrowsAsync<ObjectStorageException>(() => client.CompleteMultipartUploadAsync("small-parts.bin", uploadId,
            new[] { new MultipartPart(1, one.ETag!), new MultipartPart(2, two.ETag!) }));
        Assert.Equal(StorageErrorCodes.ServiceRejected, error.Code);
        Assert.Equal("EntityTooSmall", error.ServiceErrorCode);

        var parts = await client.ListPartsAsync("small-parts.bin", uploadId);
        Assert.Equal(new[] { 1, 2 }, parts.Select(p => p.PartNumber));
        Assert.All(parts, p => Assert.Equal(one.Crc64, p.Crc64));
        await client.AbortMultipartUploadAsync("small-parts.bin", uploadId);
        harness.AssertNoOrphanedUploads();
    }

    [Fact]
    public async Task A_file_that_changed_after_the_manifest_fails_with_CRC3021_and_no_manifest()
    {
        await using EmulatorHarness harness = await EmulatorHarness.StartAsync(StorageProvider.Oss);
        harness.AddStandardRelease();
        UploadItem big = harness.Files.Single(f => f.RelativePath == "data/big.bin");
        using (var stream = new FileStream(big.LocalPath, FileMode.Open))
        {
            stream.Position = 10;
            stream.WriteByte(0x5A);
        }

        var error = await Assert.ThrowsAsync<ObjectStorageException>(() => harness.UploadAsync());

        Assert.Equal(StorageErrorCodes.LocalFileChanged, error.Code);
        Assert.Equal(big.LocalPath, error.FilePath);
        Assert.False(harness.ManifestUploaded);
        harness.AssertNoOrphanedUploads();
    }

    [Fact]
    public async Task A_missing_file_fails_with_CRC3020()
    {
        await using EmulatorHarness harness = await EmulatorHarness.StartAsync(StorageProvider.Cos);
        UploadItem item = harness.AddFile("gone.txt", 10);
        File.Delete(item.LocalPath);

        var error = await Assert.ThrowsAsync<ObjectStorageException>(() => harness.UploadAsync());

        Assert.Equal(StorageErrorCodes.LocalFileUnreadable, error.Code);
        Assert.False(harness.ManifestUploaded);
    }

    [Fact]
    public async Task Large_files_report_progress_and_the_summary_is_one_line()
    {
        await using EmulatorHarness harness = await EmulatorHarness.StartAsync(StorageProvider.Oss);
        harness.AddFile("big.bin", harness.PartSize * 5, 7);

        UploadSummary summary = await harness.UploadAsync();

        Assert.NotEmpty(harness.Observer.Progress);
        Assert.All(harness.Observer.Progress, p => Assert.InRange(p.Percent, 0, 100));
        string line = summary.ToString();
        Assert.DoesNotContain('\n', line);
        Assert.Contains("Uploaded 2 file(s)", line, StringComparison.Ordinal);
        Assert.Contains("oss://release-bucket/app/1.0.0/", line, StringComparison.Ordinal);
        Assert.Contains("every object verified", line, StringComparison.Ordinal);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), "condition not reached in 10 s");
            await Task.Delay(10);
        }
    }
}

/// <summary>Copies with one setting changed (the options class is init-only by design).</summary>
internal static class OptionsCopy
{
    public static ObjectStorageOptions With(this ObjectStorageOptions o, OssSignatureVersion? version = null, bool? skip = null,
        TimeSpan? timeout = null, bool? requireChecksum = null, int? attempts = null) => new()
    {
        Provider = o.Provider, Bucket = o.Bucket, Region = o.Region, Endpoint = o.Endpoint, Prefix = o.Prefix,
        PartSize = o.PartSize, MultipartThreshold = o.MultipartThreshold, Parallelism = o.Parallelism,
        MaxAttempts = attempts ?? o.MaxAttempts, RequireServerChecksum = requireChecksum ?? o.RequireServerChecksum,
        SkipUnchanged = skip ?? o.SkipUnchanged, SignatureVersion = version ?? o.SignatureVersion,
        AllowInsecureHttp = o.AllowInsecureHttp, RequestTimeout = timeout ?? o.RequestTimeout,
        RetryBaseDelay = o.RetryBaseDelay, RetryMaxDelay = o.RetryMaxDelay, ProgressInterval = o.ProgressInterval,
    };

    public static ObjectStorageOptions WithSignatureVersion(this ObjectStorageOptions o, OssSignatureVersion v) => o.With(version: v);

    public static ObjectStorageOptions WithSkipUnchanged(this ObjectStorageOptions o, bool skip) => o.With(skip: skip);

    public static ObjectStorageOptions WithRequestTimeout(this ObjectStorageOptions o, TimeSpan timeout) => o.With(timeout: timeout);

    public static ObjectStorageOptions WithRequireServerChecksum(this ObjectStorageOptions o, bool require) => o.With(requireChecksum: require);
}
