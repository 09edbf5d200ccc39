using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CrcBuildTools.Hashing;
using CrcBuildTools.Emulator;
using Xunit;
using CrcBuildTools.TestSupport;

namespace CrcBuildTools.ObjectStorage.Tests;

/// <summary>
/// One in-process emulator, a temp folder of release files, and a client pointed at the emulator with small parts
/// and zero backoff, so each scenario runs in milliseconds. Every message the upload produces is captured so tests
/// can prove no secret leaks.
/// </summary>
internal sealed class EmulatorHarness : IAsyncDisposable
{
    public const string AccessKeyId = "AKIDharness0123456789abcdef";
    public const string Secret = "sk-TopSecret-8f14e45fceea167a3a36dedd4bea2543";
    public const string Token = "tok-SessionSecret-c9f0f895fb98ab9159f51fd0297e236d";
    public const string Prefix = "app/1.0.0/";
    public const string ManifestName = "app.crc64.json";

    private readonly TempFolder _temp = new("storage");
    private readonly List<UploadItem> _files = new();

    private EmulatorHarness(StorageEmulatorServer server, StorageProvider provider)
    {
        Server = server;
        Provider = provider;
    }

    public StorageEmulatorServer Server { get; }

    public StorageProvider Provider { get; }

    public long PartSize => Provider == StorageProvider.Cos ? ObjectStorageOptions.MiB : 100 * 1024;

    public IReadOnlyList<UploadItem> Files => _files;

    public RecordingObserver Observer { get; } = new();

    public static async Task<EmulatorHarness> StartAsync(StorageProvider provider, string? requiredToken = null, TimeSpan? slowAnswer = null)
    {
        var server = new StorageEmulatorServer(new EmulatorOptions
        {
            Provider = provider == StorageProvider.Cos ? EmulatedProvider.Cos : EmulatedProvider.Oss,
            Bucket = provider == StorageProvider.Cos ? "release-1250000000" : "release-bucket",
            Region = provider == StorageProvider.Cos ? "ap-guangzhou" : "cn-hangzhou",
            AccessKeyId = AccessKeyId,
            Secret = Secret,
            SessionToken = requiredToken,
            SlowAnswerDelay = slowAnswer ?? TimeSpan.FromSeconds(3),
        });
        await server.StartAsync();
        return new EmulatorHarness(server, provider);
    }

    public ObjectStorageOptions Options(Func<ObjectStorageOptions, ObjectStorageOptions>? adjust = null)
    {
        var options = new ObjectStorageOptions
        {
            Provider = Provider,
            Bucket = Server.Options.Bucket,
            Region = Server.Options.Region,
            Endpoint = Server.Url,
            Prefix = Prefix,
            PartSize = PartSize,
            MultipartThreshold = PartSize,
            Parallelism = 3,
            MaxAttempts = 3,
            // Generous, so a loaded CI machine never causes a spurious retry; slow-answer tests shorten it.
            RequestTimeout = TimeSpan.FromSeconds(10),
            RetryBaseDelay = TimeSpan.Zero,
            RetryMaxDelay = TimeSpan.Zero,
            ProgressInterval = TimeSpan.Zero,
        };
        return adjust is null ? options : adjust(options);
    }

    public ObjectStorageClient Client(ObjectStorageOptions? options = null, StorageCredentials? credentials = null) =>
        new(options ?? Options(), credentials ?? new StorageCredentials(AccessKeyId, Secret));

    /// <summary>
    /// Waits until the emulator serves nothing: after a failed upload its cancelled siblings end (and are recorded)
    /// a moment later, and a test that counts the next step's requests must not count those.
    /// </summary>
    public async Task WaitUntilQuietAsync()
    {
        for (int i = 0; i < 200 && Server.RequestsInFlight > 0; i++)
        {
            await Task.Delay(50);
        }

        Assert.Equal(0, Server.RequestsInFlight);
    }

    /// <summary>A file of pseudo-random bytes (seeded, so failures reproduce), its CRC taken by the engine.</summary>
    public UploadItem AddFile(string relativePath, long length, int seed = 1)
    {
        string path = Path.Combine(_temp.Path, "publish", relativePath.Replace('/', Path.DirectorySeparatorChar));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        File.WriteAllBytes(path, bytes);
        var item = new UploadItem(path, relativePath, length, Crc64Xz.Hash(bytes));
        _files.Add(item);
        return item;
    }

    /// <summary>The usual release: a small file, a zero-byte file, and one that needs three parts.</summary>
    public void AddStandardRelease()
    {
        AddFile("app.dll", 5000, 1);
        AddFile("empty.txt", 0, 2);
        AddFile("data/big.bin", PartSize * 2 + 12345, 3);
    }

    public UploadItem Manifest()
    {
        string path = Path.Combine(_temp.Path, "publish", ManifestName);
        File.WriteAllText(path, "{\"files\":" + _files.Count + "}\n");
        return new UploadItem(path, ManifestName);
    }

    public async Task<UploadSummary> UploadAsync(ObjectStorageOptions? options = null, StorageCredentials? credentials = null, CancellationToken cancellationToken = default)
    {
        using ObjectStorageClient client = Client(options, credentials);
        var uploader = new ReleaseUploader(client, Observer);
        try
        {
            UploadSummary summary = await uploader.UploadAsync(_files, Manifest(), cancellationToken);
            Observer.Messages.Enqueue(summary.ToString());
            return summary;
        }
        catch (Exception e)
        {
            Observer.Messages.Enqueue(e.ToString());
            throw;
        }
    }

    public bool ManifestUploaded => Server.Store.Get(Prefix + ManifestName) is not null;

    /// <summary>Every file is in the bucket, byte for byte.</summary>
    public void AssertAllFilesStored()
    {
        foreach (UploadItem item in _files)
        {
            StoredObject? stored = Server.Store.Get(Prefix + item.RelativePath);
            Assert.True(stored is not null, $"missing object {Prefix + item.RelativePath}");
            Assert.Equal(File.ReadAllBytes(item.LocalPath), stored!.Bytes);
            Assert.Equal(item.Crc64, stored.Crc64);
        }
    }

    public void AssertNoOrphanedUploads() => Assert.Empty(Server.Store.Uploads);

    public void AssertNoSecretIn(IEnumerable<string> texts)
    {
        foreach (string text in texts.Concat(Observer.Messages))
        {
            Assert.DoesNotContain(Secret, text, StringComparison.Ordinal);
            Assert.DoesNotContain(Token, text, StringComparison.Ordinal);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        _temp.Dispose();
    }
}

/// <summary>Captures every observer event as text.</summary>
internal sealed class RecordingObserver : UploadObserver
{
    public ConcurrentQueue<string> Messages { get; } = new();

    public ConcurrentQueue<string> Warnings { get; } = new();

    public ConcurrentQueue<UploadRetry> Retries { get; } = new();

    public ConcurrentQueue<UploadFileResult> Uploaded { get; } = new();

    public ConcurrentQueue<UploadFileResult> Skipped { get; } = new();

    public ConcurrentQueue<UploadProgress> Progress { get; } = new();

    public override void OnFileSkipped(UploadFileResult result)
    {
        Skipped.Enqueue(result);
        Messages.Enqueue(result.ToString());
    }

    public override void OnFileUploaded(UploadFileResult result)
    {
        Uploaded.Enqueue(result);
        Messages.Enqueue(result.ToString());
    }

    public override void OnProgress(UploadProgress progress)
    {
        Progress.Enqueue(progress);
        Messages.Enqueue(progress.ToString());
    }

    public override void OnRetry(UploadRetry retry)
    {
        Retries.Enqueue(retry);
        Messages.Enqueue(retry.ToString());
    }

    public ConcurrentQueue<string> Notices { get; } = new();

    public override void OnNotice(string code, string message)
    {
        Notices.Enqueue(code);
        Messages.Enqueue(message);
    }

    public override void OnWarning(string code, string message)
    {
        Warnings.Enqueue(code);
        Messages.Enqueue(message);
    }
}
