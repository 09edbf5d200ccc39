using System.Collections.Generic;
using Xunit;

namespace CrcBuildTools.Emulator.Tests;

/// <summary>crc64xz-emulator's arguments: defaults per provider, credentials from the uploader's variables, and a message (never a stack trace) for bad input.</summary>
public sealed class EmulatorCommandLineTests
{
    private static (EmulatorCommandLine? CommandLine, string? Error) Parse(params string[] args) =>
        EmulatorCommandLine.Parse(args, name => Environment.TryGetValue(name, out string? value) ? value : null);

    private static readonly Dictionary<string, string> Environment = new()
    {
        ["COS_SECRET_ID"] = "AKIDfromEnvironment", ["COS_SECRET_KEY"] = "cos-secret", ["OSS_SESSION_TOKEN"] = "oss-token",
    };

    [Fact]
    public void Defaults_follow_the_provider_and_credentials_come_from_its_variables()
    {
        EmulatorOptions cos = Parse("--provider", "cos").CommandLine!.Options;
        Assert.Equal(EmulatedProvider.Cos, cos.Provider);
        Assert.Equal("emulated-1250000000", cos.Bucket);
        Assert.Equal("ap-guangzhou", cos.Region);
        Assert.Equal("AKIDfromEnvironment", cos.AccessKeyId);
        Assert.Equal("cos-secret", cos.Secret);
        Assert.Null(cos.SessionToken);

        EmulatorOptions oss = Parse().CommandLine!.Options;
        Assert.Equal(EmulatedProvider.Oss, oss.Provider);
        Assert.Equal("emulated-bucket", oss.Bucket);
        Assert.Equal("emulator-access-key-id", oss.AccessKeyId);
        Assert.Equal("emulator-secret", oss.Secret);
        Assert.Equal("oss-token", oss.SessionToken);
        Assert.False(oss.PublicRead);
        Assert.Equal(0, oss.Port);
    }

    [Fact]
    public void Every_option_is_read()
    {
        EmulatorOptions options = Parse("--provider", "OSS", "--port", "18080", "--bucket", "b", "--region", "cn-shanghai",
            "--min-part-size", "5", "--public-read").CommandLine!.Options;
        Assert.Equal((18080, "b", "cn-shanghai", 5L, true), (options.Port, options.Bucket, options.Region, options.EffectiveMinimumPartSize, options.PublicRead));
    }

    [Theory]
    [InlineData("--provider s3", "--provider must be cos or oss")]
    [InlineData("--port abc", "--port must be a number")]
    [InlineData("--port 70000", "--port must be a number")]
    [InlineData("--min-part-size -1", "--min-part-size must be a number")]
    [InlineData("--bucket", "--bucket needs a value")]
    [InlineData("--region --public-read", "--region needs a value")]
    [InlineData("--verbose", "Unknown argument '--verbose'")]
    public void Bad_arguments_get_a_message(string args, string message)
    {
        (EmulatorCommandLine? commandLine, string? error) = Parse(args.Split(' '));
        Assert.Null(commandLine);
        Assert.StartsWith(message, error, System.StringComparison.Ordinal);
    }

    [Fact]
    public void Help_is_a_request_not_an_error()
    {
        Assert.True(Parse("--port", "1", "--help").CommandLine!.ShowHelp);
        Assert.Contains("crc64xz-emulator", EmulatorCommandLine.Usage, System.StringComparison.Ordinal);
    }
}
