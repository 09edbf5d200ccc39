using System;
using System.Collections;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using CrcBuildTools.Hashing;
using CrcBuildTools.Emulator;
using CrcBuildTools.Tasks;
using Microsoft.Build.Framework;
using TaskItem = Microsoft.Build.Utilities.TaskItem;
using Xunit;

namespace CrcBuildTools.ObjectStorage.Tests;

/// <summary>
/// The MSBuild task over the emulator, with a build engine that records every event: credentials are read from the
/// environment, failures become CRC3xxx errors, the summary is one line, and no secret reaches the log.
/// Environment variables are process-wide, so these tests do not run in parallel with each other.
/// </summary>
[Collection(nameof(Crc64UploadTaskTests))]
public sealed class Crc64UploadTaskTests
{
    [Theory]
    [InlineData(StorageProvider.Cos, "COS_SECRET_ID", "COS_SECRET_KEY", "COS_SESSION_TOKEN")]
    [InlineData(StorageProvider.Oss, "OSS_ACCESS_KEY_ID", "OSS_ACCESS_KEY_SECRET", "OSS_SESSION_TOKEN")]
    public async Task Uploads_from_items_logs_a_summary_and_never_the_secret(StorageProvider provider, string idVar, string secretVar, string tokenVar)
    {
        await using EmulatorHarness harness = await EmulatorHarness.StartAsync(provider, requiredToken: EmulatorHarness.Token);
        harness.AddStandardRelease();
        using var env = new EnvironmentScope((idVar, EmulatorHarness.AccessKeyId), (secretVar, EmulatorHarness.Secret), (tokenVar, EmulatorHarness.Token));

        (bool ok, RecordingEngine engine) = Run(harness, provider);

        Assert.True(ok, string.Join("\n", engine.Errors));
        harness.AssertAllFilesStored();
        Assert.True(harness.ManifestUploaded);
        Assert.Single(engine.Messages, m => m.StartsWith("Crc64Upload: Uploaded 4 file(s)", StringComparison.Ordinal));
        Assert.Contains(engine.Messages, m => m.StartsWith("Uploaded app/1.0.0/data/big.bin", StringComparison.Ordinal) && m.Contains("3 parts", StringComparison.Ordinal));
        harness.AssertNoSecretIn(engine.Everything);

        (bool again, RecordingEngine second) = Run(harness, provider);
        Assert.True(again);
        Assert.Contains(second.Messages, m => m.StartsWith("Crc64Upload: Uploaded 0 file(s)", StringComparison.Ordinal) && m.Contains("skipped 4", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Failures_are_logged_as_CRC3xxx_errors_with_the_file()
    {
        await using EmulatorHarness harness = await EmulatorHarness.StartAsync(StorageProvider.Oss);
        harness.AddStandardRelease();
        using var env = new EnvironmentScope(("OSS_ACCESS_KEY_ID", EmulatorHarness.AccessKeyId), ("OSS_ACCESS_KEY_SECRET", EmulatorHarness.Secret),
            ("OSS_SESSION_TOKEN", null), ("ALIBABA_CLOUD_SECURITY_TOKEN", null));
        harness.Server.Faults.Add(new FaultRule(FaultKind.WrongCrcHeader, FaultStage.Part, Count: 1000));

        (bool ok, RecordingEngine engine) = Run(harness, StorageProvider.Oss);

        Assert.False(ok);
        BuildErrorEventArgs error = Assert.Single(engine.ErrorEvents);
        Assert.Equal(StorageErrorCodes.PartCrcMismatch, error.Code);
        Assert.EndsWith("big.bin", error.File, StringComparison.Ordinal);
        Assert.Contains("remote CRC-64", error.Message, StringComparison.Ordinal);
        Assert.False(harness.ManifestUploaded);
        harness.AssertNoOrphanedUploads();
        Assert.Contains(engine.Messages, m => m.StartsWith("Retrying part", StringComparison.Ordinal));
        harness.AssertNoSecretIn(engine.Everything);
    }

    [Fact]
    public async Task Missing_credentials_and_bad_settings_are_coded_errors()
    {
        await using EmulatorHarness harness = await EmulatorHarness.StartAsync(StorageProvider.Cos);
        harness.AddFile("a.txt", 10);
        using var env = new EnvironmentScope(("COS_SECRET_ID", null), ("COS_SECRET_KEY", null), ("TENCENTCLOUD_SECRET_ID", null), ("TENCENTCLOUD_SECRET_KEY", null));

        (bool ok, RecordingEngine engine) = Run(harness, StorageProvider.Cos);
        Assert.False(ok);
        Assert.Equal(StorageErrorCodes.MissingCredentials, Assert.Single(engine.ErrorEvents).Code);

        (ok, engine) = Run(harness, StorageProvider.Cos, task => task.Endpoint = "http://storage.example.com");
        Assert.False(ok);
        Assert.Equal(StorageErrorCodes.InsecureEndpoint, Assert.Single(engine.ErrorEvents).Code);

        (ok, engine) = Run(harness, StorageProvider.Cos, task => task.Provider = "s3");
        Assert.Equal(StorageErrorCodes.UnknownProvider, Assert.Single(engine.ErrorEvents).Code);

        (ok, engine) = Run(harness, StorageProvider.Cos, task => task.Files = new ITaskItem[] { new TaskItem("x.txt") });
        Assert.Equal(StorageErrorCodes.InvalidUploadItem, Assert.Single(engine.ErrorEvents).Code);
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
        await using EmulatorHarness harness = await EmulatorHarness.StartAsync(StorageProvider.Oss);
        harness.AddFile("a.txt", 10);

        (bool ok, RecordingEngine engine) = Run(harness, StorageProvider.Oss, task => typeof(Crc64Upload).GetProperty(property)!.SetValue(task, value));

        Assert.False(ok);
        BuildErrorEventArgs error = Assert.Single(engine.ErrorEvents);
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
        await using EmulatorHarness harness = await EmulatorHarness.StartAsync(StorageProvider.Oss);
        harness.AddFile("a.txt", 10);

        (bool ok, RecordingEngine engine) = Run(harness, StorageProvider.Oss, task => task.Endpoint = endpoint);

        Assert.False(ok);
        BuildErrorEventArgs error = Assert.Single(engine.ErrorEvents);
        Assert.Equal(StorageErrorCodes.InvalidEndpoint, error.Code);
        Assert.Contains(shown, error.Message, StringComparison.Ordinal);
        Assert.All(engine.Everything, m => Assert.DoesNotContain("hunter2", m, StringComparison.Ordinal));
        Assert.All(engine.Everything, m => Assert.DoesNotContain("deploy:", m, StringComparison.Ordinal));
    }

    private static (bool Ok, RecordingEngine Engine) Run(EmulatorHarness harness, StorageProvider provider, Action<Crc64Upload>? adjust = null)
    {
        var engine = new RecordingEngine();
        var task = new Crc64Upload
        {
            BuildEngine = engine,
            Files = harness.Files.Select(f =>
            {
                var item = new TaskItem(f.LocalPath);
                item.SetMetadata("RelativePath", f.RelativePath);
                item.SetMetadata("Length", f.Length!.Value.ToString(CultureInfo.InvariantCulture));
                item.SetMetadata("Crc64", Crc64XzFormat.ToDecimalString(f.Crc64!.Value));
                return (ITaskItem)item;
            }).ToArray(),
            ManifestPath = harness.Manifest().LocalPath,
            Provider = provider.ToString().ToLowerInvariant(),
            Bucket = harness.Server.Options.Bucket,
            Region = harness.Server.Options.Region,
            Endpoint = harness.Server.Url,
            Prefix = EmulatorHarness.Prefix,
            PartSize = harness.PartSize.ToString(CultureInfo.InvariantCulture),
            MultipartThreshold = harness.PartSize.ToString(CultureInfo.InvariantCulture),
            MaxAttempts = "2",
        };
        adjust?.Invoke(task);
        return (task.Execute(), engine);
    }

    /// <summary>Sets variables for one test and restores them after.</summary>
    private sealed class EnvironmentScope : IDisposable
    {
        private readonly List<(string Name, string? Old)> _saved = new();

        public EnvironmentScope(params (string Name, string? Value)[] values)
        {
            foreach ((string name, string? value) in values)
            {
                _saved.Add((name, Environment.GetEnvironmentVariable(name)));
                Environment.SetEnvironmentVariable(name, value);
            }
        }

        public void Dispose()
        {
            foreach ((string name, string? old) in _saved)
            {
                Environment.SetEnvironmentVariable(name, old);
            }
        }
    }

    private sealed class RecordingEngine : IBuildEngine
    {
        public ConcurrentQueue<BuildErrorEventArgs> ErrorEvents { get; } = new();

        public ConcurrentQueue<string> Errors { get; } = new();

        public ConcurrentQueue<string> Warnings { get; } = new();

        public ConcurrentQueue<string> Messages { get; } = new();

        public IEnumerable<string> Everything => Errors.Concat(Warnings).Concat(Messages);

        public bool ContinueOnError => false;

        public int LineNumberOfTaskNode => 0;

        public int ColumnNumberOfTaskNode => 0;

        public string ProjectFileOfTaskNode => "test.proj";

        public bool BuildProjectFile(string projectFileName, string[] targetNames, IDictionary globalProperties, IDictionary targetOutputs) => true;

        public void LogCustomEvent(CustomBuildEventArgs e) => Messages.Enqueue(e.Message ?? "");

        public void LogErrorEvent(BuildErrorEventArgs e)
        {
            ErrorEvents.Enqueue(e);
            Errors.Enqueue(e.Code + ": " + e.Message + " " + e.File);
        }

        public void LogMessageEvent(BuildMessageEventArgs e) => Messages.Enqueue(e.Message ?? "");

        public void LogWarningEvent(BuildWarningEventArgs e) => Warnings.Enqueue(e.Code + ": " + e.Message);
    }
}

[CollectionDefinition(nameof(Crc64UploadTaskTests), DisableParallelization = true)]
public sealed class Crc64UploadTaskTestsCollection
{
}
