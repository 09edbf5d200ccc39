using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using CrcBuildTools.Manifests;
using CrcBuildTools.ObjectStorage.Http;
using Xunit;

namespace CrcBuildTools.ObjectStorage.Tests;

/// <summary>The shared pieces under upload and download: Retry-After, the one error map, the channel pointer format.</summary>
public sealed class PipelineTests
{
    [Theory]
    [InlineData("7", 7)]
    [InlineData(" 0 ", 0)]
    [InlineData("86400", 60)] // capped: a broken proxy cannot park the client for a day
    public void Retry_after_seconds_are_honoured_up_to_the_cap(string header, int seconds)
    {
        var policy = new RetryPolicy(3, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(20)) { NextRandom = () => 0.5 };
        Assert.Equal(TimeSpan.FromSeconds(seconds), policy.ComputeDelay(1, RetryPolicy.ParseRetryAfter(header, DateTimeOffset.UtcNow)));
    }

    [Fact]
    public void Retry_after_as_a_date_and_garbage_fall_back_correctly()
    {
        var now = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);
        Assert.Equal(TimeSpan.FromSeconds(30), RetryPolicy.ParseRetryAfter(now.AddSeconds(30).ToString("r"), now));
        Assert.Null(RetryPolicy.ParseRetryAfter("soon", now));
        Assert.Null(RetryPolicy.ParseRetryAfter(null, now));
        var policy = new RetryPolicy(3, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(20)) { NextRandom = () => 0.5 };
        Assert.Equal(TimeSpan.FromMilliseconds(200), policy.ComputeDelay(2)); // full jitter: 0.5 x min(cap, 200 ms x 2)
    }

    [Fact]
    public async Task The_pipeline_waits_what_Retry_after_says_then_succeeds()
    {
        var handler = new ScriptedHandler(
            () => new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) { Headers = { { "Retry-After", "4" } }, Content = new StringContent("<Error><Code>SlowDown</Code></Error>") },
            () => new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(new byte[] { 1, 2, 3 }) });
        var options = new ObjectStorageOptions { Provider = StorageProvider.Oss, Bucket = "bucket-a", Region = "cn-hangzhou", Endpoint = "http://127.0.0.1:9" };
        using var client = new ObjectStorageClient(options, new StorageCredentials("id", "secret"), handler, StorageSide.Download);
        var waits = new List<TimeSpan>();
        client.Retry.Delay = (delay, _) =>
        {
            waits.Add(delay);
            return Task.CompletedTask;
        };

        byte[] body = await client.GetObjectAsync("k");

        Assert.Equal(new byte[] { 1, 2, 3 }, body);
        Assert.Equal(new[] { TimeSpan.FromSeconds(4) }, waits);
    }

    [Theory]
    [InlineData(403, "SignatureDoesNotMatch", StorageErrorCodes.AuthorizationFailed, DownloadErrorCodes.AuthorizationFailed)]
    [InlineData(403, "RequestTimeTooSkewed", StorageErrorCodes.ClockSkew, DownloadErrorCodes.ClockSkew)]
    [InlineData(404, "NoSuchBucket", StorageErrorCodes.BucketNotFound, DownloadErrorCodes.BucketNotFound)]
    [InlineData(404, "NoSuchKey", StorageErrorCodes.ServiceRejected, DownloadErrorCodes.ObjectMissing)]
    [InlineData(412, "PreconditionFailed", StorageErrorCodes.ServiceRejected, DownloadErrorCodes.ObjectReplaced)]
    [InlineData(400, "InvalidArgument", StorageErrorCodes.ServiceRejected, DownloadErrorCodes.ServiceRejected)]
    [InlineData(401, null, StorageErrorCodes.AuthorizationFailed, DownloadErrorCodes.AuthorizationFailed)]
    public void One_map_gives_each_side_its_code_and_advice_in_its_own_words(int status, string? vendorCode, string upload, string download)
    {
        (FailureKind uploadKind, _, string uploadAdvice) = ServiceErrorMap.Classify(status, vendorCode, StorageSide.Upload);
        (FailureKind downloadKind, _, string downloadAdvice) = ServiceErrorMap.Classify(status, vendorCode, StorageSide.Download);

        Assert.Equal(uploadKind, downloadKind);
        Assert.Equal(upload, ServiceErrorMap.CodeFor(uploadKind, StorageSide.Upload));
        Assert.Equal(download, ServiceErrorMap.CodeFor(downloadKind, StorageSide.Download));
        Assert.DoesNotContain("--region", uploadAdvice, StringComparison.Ordinal);
        Assert.DoesNotContain("Crc64Upload", downloadAdvice, StringComparison.Ordinal);
    }

    [Fact]
    public void A_channel_pointer_round_trips_and_anything_else_is_not_taken_for_one()
    {
        var pointer = new Crc64ChannelPointer("stable", "1.2.3", "MyApp/channels/stable.json", "MyApp/1.2.3/My \"App\".crc64.json", 2741, 11051210869376104954);
        string json = pointer.ToJson();

        Assert.True(Crc64ChannelPointer.TryParse(json, "p", out Crc64ChannelPointer? read));
        Assert.Equal(json, read!.ToJson());
        Assert.Contains("\"manifestCrc64\": \"11051210869376104954\"", json, StringComparison.Ordinal);
        Assert.EndsWith("}\n", json, StringComparison.Ordinal);
        Assert.False(Crc64ChannelPointer.TryParse("{\"schema\":\"https://crcbuildtools/manifest/v1\",\"algorithm\":\"CRC-64/XZ\",\"files\":[]}", "m", out _));
        Assert.False(Crc64ChannelPointer.TryParse("not json", "x", out _));
        Assert.Throws<FormatException>(() => Crc64ChannelPointer.TryParse(json.Replace("\"2741\"", "x").Replace("2741", "-1"), "bad", out _));
        Assert.Throws<FormatException>(() => Crc64ChannelPointer.TryParse(json.Replace("\"version\"", "\"versoin\""), "typo", out _));
    }

    private sealed class ScriptedHandler(params Func<HttpResponseMessage>[] answers) : HttpMessageHandler
    {
        private int _next;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(answers[Math.Min(_next++, answers.Length - 1)]());
    }
}
