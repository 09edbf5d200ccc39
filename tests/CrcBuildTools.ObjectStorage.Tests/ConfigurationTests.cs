using System;
using System.Collections.Generic;
using System.Linq;
using CrcBuildTools.ObjectStorage.Http;
using CrcBuildTools.ObjectStorage.Upload;
using Xunit;

namespace CrcBuildTools.ObjectStorage.Tests;

public sealed class ConfigurationTests
{
    private static ObjectStorageOptions Valid(string? endpoint = null, bool insecure = false) => new()
    {
        Provider = StorageProvider.Oss, Bucket = "my-releases", Region = "cn-hangzhou", Endpoint = endpoint, AllowInsecureHttp = insecure,
    };

    private static IEnumerable<string> Codes(ObjectStorageOptions options) => options.Validate().Select(e => e.Code);

    [Fact]
    public void Defaults_are_valid_and_address_the_virtual_host()
    {
        Assert.Empty(Valid().Validate());
        Assert.Equal("https://my-releases.oss-cn-hangzhou.aliyuncs.com/", StorageEndpoint.Resolve(Valid()).ToString());
        var cos = new ObjectStorageOptions { Provider = StorageProvider.Cos, Bucket = "rel-1250000000", Region = "ap-guangzhou" };
        Assert.Empty(cos.Validate());
        Assert.Equal("https://rel-1250000000.cos.ap-guangzhou.myqcloud.com/", StorageEndpoint.Resolve(cos).ToString());
    }

    [Theory]
    [InlineData("http://127.0.0.1:5000", false, null)]
    [InlineData("http://localhost:5000/", false, null)]
    [InlineData("http://[::1]:5000", false, null)]
    [InlineData("https://cdn.example.com", false, null)]
    [InlineData("http://cdn.example.com", false, StorageErrorCodes.InsecureEndpoint)]
    [InlineData("http://cdn.example.com", true, null)]
    [InlineData("ftp://cdn.example.com", false, StorageErrorCodes.InvalidEndpoint)]
    [InlineData("https://cdn.example.com/sub/path", false, StorageErrorCodes.InvalidEndpoint)]
    [InlineData("not a url", false, StorageErrorCodes.InvalidEndpoint)]
    public void Https_is_required_except_for_loopback_or_an_explicit_opt_in(string endpoint, bool insecure, string? code)
    {
        IEnumerable<string> codes = Codes(Valid(endpoint, insecure));
        if (code is null)
        {
            Assert.Empty(codes);
        }
        else
        {
            Assert.Equal(new[] { code }, codes);
        }
    }

    [Fact]
    public void Each_bad_setting_gets_its_code_and_all_are_reported_at_once()
    {
        Assert.Equal(new[] { StorageErrorCodes.UnknownProvider }, Codes(new ObjectStorageOptions()));
        var bad = new ObjectStorageOptions
        {
            Provider = StorageProvider.Cos, Bucket = "no-appid", Region = "", Prefix = "/abs", PartSize = 1000, Parallelism = 0,
            MaxAttempts = 0, SignatureVersion = (OssSignatureVersion)2,
        };
        Assert.Equal(
            new[]
            {
                StorageErrorCodes.InvalidBucket, StorageErrorCodes.InvalidRegion, StorageErrorCodes.InvalidObjectKey, StorageErrorCodes.InvalidTuning,
                StorageErrorCodes.InvalidTuning, StorageErrorCodes.InvalidTuning, StorageErrorCodes.InvalidSignatureVersion,
            },
            Codes(bad));
        var error = Assert.Throws<ObjectStorageException>(() => new ObjectStorageClient(bad, new StorageCredentials("id", "secret")));
        Assert.Equal(StorageErrorCodes.InvalidBucket, error.Code);
    }

    [Fact]
    public void Oss_region_accepts_the_oss_prefix_and_signs_the_bare_id()
    {
        var options = Valid() is var o ? new ObjectStorageOptions { Provider = o.Provider, Bucket = o.Bucket, Region = "oss-cn-shanghai" } : null!;
        Assert.Empty(options.Validate());
        Assert.Equal("cn-shanghai", options.SigningRegion);
        Assert.Equal("https://my-releases.oss-cn-shanghai.aliyuncs.com/", StorageEndpoint.Resolve(options).ToString());
    }

    [Fact]
    public void Credentials_come_from_the_environment_with_documented_fallbacks()
    {
        var env = new Dictionary<string, string?>
        {
            ["TENCENTCLOUD_SECRET_ID"] = "AKIDfallback0000000001", ["COS_SECRET_ID"] = "AKIDpreferred000000001",
            ["TENCENTCLOUD_SECRET_KEY"] = "secret-value-1", ["TENCENTCLOUD_SESSION_TOKEN"] = "token-value-1",
        };
        StorageCredentials cos = StorageCredentials.FromEnvironment(StorageProvider.Cos, n => env.GetValueOrDefault(n));
        Assert.Equal("AKIDpreferred000000001", cos.AccessKeyId);
        Assert.True(cos.IsTemporary);
        Assert.Equal("AKID****0001 (temporary)", cos.ToString());
        Assert.DoesNotContain("secret-value-1", cos.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("token-value-1", cos.ToString(), StringComparison.Ordinal);

        var oss = new Dictionary<string, string?> { ["ALIBABA_CLOUD_ACCESS_KEY_ID"] = "LTAIid", ["OSS_ACCESS_KEY_SECRET"] = "s" };
        Assert.Equal("LTAIid", StorageCredentials.FromEnvironment(StorageProvider.Oss, n => oss.GetValueOrDefault(n)).AccessKeyId);
    }

    [Fact]
    public void Missing_or_half_credentials_have_codes_and_never_echo_a_secret()
    {
        var none = Assert.Throws<ObjectStorageException>(() => StorageCredentials.FromEnvironment(StorageProvider.Oss, _ => null));
        Assert.Equal(StorageErrorCodes.MissingCredentials, none.Code);
        Assert.Contains("OSS_ACCESS_KEY_ID", none.Message, StringComparison.Ordinal);

        var half = Assert.Throws<ObjectStorageException>(() =>
            StorageCredentials.FromEnvironment(StorageProvider.Cos, n => n == "COS_SECRET_KEY" ? "the-secret-value" : null));
        Assert.Equal(StorageErrorCodes.IncompleteCredentials, half.Code);
        Assert.Contains("COS_SECRET_KEY is set", half.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("the-secret-value", half.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Backoff_is_full_jitter_exponential_and_capped()
    {
        var policy = new RetryPolicy(5, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(1)) { NextRandom = () => 0.999999 };
        Assert.InRange(policy.ComputeDelay(1).TotalMilliseconds, 199, 200);
        Assert.InRange(policy.ComputeDelay(2).TotalMilliseconds, 399, 400);
        Assert.InRange(policy.ComputeDelay(3).TotalMilliseconds, 799, 800);
        Assert.InRange(policy.ComputeDelay(10).TotalMilliseconds, 999, 1000);
        policy.NextRandom = () => 0;
        Assert.Equal(TimeSpan.Zero, policy.ComputeDelay(4));
    }

    [Theory]
    [InlineData(0L, 8L << 20, 8L << 20, 1)]
    [InlineData(80L << 20, 8L << 20, 8L << 20, 10)]
    [InlineData(100L << 30, 8L << 20, 11L << 20, 9310)]
    [InlineData(10_000L * (8L << 20) + 1, 8L << 20, 9L << 20, 8889)]
    public void Part_size_grows_so_no_file_needs_more_than_10000_parts(long length, long configured, long expectedSize, int expectedCount)
    {
        long size = PartPlanner.PartSize(length, configured);
        Assert.Equal(expectedSize, size);
        Assert.Equal(expectedCount, PartPlanner.PartCount(length, size));
        Assert.True(PartPlanner.PartCount(length, size) <= ObjectStorageOptions.MaxPartCount);
    }

    [Theory]
    [InlineData("", "a/b.txt", "a/b.txt")]
    [InlineData("app/1.0", "a\\b.txt", "app/1.0/a/b.txt")]
    [InlineData("app/1.0/", "x y.txt", "app/1.0/x y.txt")]
    public void Keys_are_prefix_plus_relative_path(string prefix, string relative, string key) =>
        Assert.Equal(key, ObjectKeys.Combine(ObjectKeys.NormalizePrefix(prefix), relative));

    [Theory]
    [InlineData("../escape.txt")]
    [InlineData("a/./b.txt")]
    [InlineData("a//b.txt")]
    [InlineData("")]
    public void Keys_that_would_not_round_trip_are_refused(string relative)
    {
        var error = Assert.Throws<ObjectStorageException>(() => ObjectKeys.Combine("p/", relative));
        Assert.Equal(StorageErrorCodes.InvalidObjectKey, error.Code);
    }
}
