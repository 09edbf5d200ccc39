using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CrcBuildTools.Emulator;
using CrcBuildTools.Hashing;
using CrcBuildTools.Manifests;
using CrcBuildTools.TestSupport;
using Xunit;

namespace CrcBuildTools.ObjectStorage.Tests;

/// <summary>
/// An emulator holding a release (objects staged straight into its store, with a real manifest), a DEST folder,
/// and a downloader pointed at both with small ranges and zero backoff, so each scenario runs in milliseconds.
/// Every observer message is captured so tests can prove no secret leaks.
/// </summary>
internal sealed class DownloadHarness : IAsyncDisposable
{
    public const string Prefix = "app/1.0.0/";
    public const string ManifestName = "app.crc64.json";
    public const long RangeSize = 64 * 1024;

    private readonly TempFolder _folder = new("download");

    private DownloadHarness(StorageEmulatorServer server, StorageProvider provider)
    {
        Server = server;
        Provider = provider;
    }

    public StorageEmulatorServer Server { get; }

    public StorageProvider Provider { get; }

    public Dictionary<string, byte[]> Files { get; } = new(StringComparer.Ordinal);

    public string Destination => Path.Combine(_folder.Path, "dest");

    public string Root => _folder.Path;

    public DownloadRecorder Observer { get; } = new();

    public byte[] ManifestBytes { get; private set; } = Array.Empty<byte>();

    public string ManifestKey => Prefix + ManifestName;

    public string Scheme => Provider == StorageProvider.Cos ? "cos" : "oss";

    public static async Task<DownloadHarness> StartAsync(StorageProvider provider, bool publicRead = false, TimeSpan? slowAnswer = null)
    {
        var server = new StorageEmulatorServer(new EmulatorOptions
        {
            Provider = provider == StorageProvider.Cos ? EmulatedProvider.Cos : EmulatedProvider.Oss,
            Bucket = provider == StorageProvider.Cos ? "release-1250000000" : "release-bucket",
            Region = provider == StorageProvider.Cos ? "ap-guangzhou" : "cn-hangzhou",
            AccessKeyId = EmulatorHarness.AccessKeyId,
            Secret = EmulatorHarness.Secret,
            PublicRead = publicRead,
            SlowAnswerDelay = slowAnswer ?? TimeSpan.FromSeconds(3),
        });
        await server.StartAsync();
        return new DownloadHarness(server, provider);
    }

    public static byte[] Bytes(long length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    /// <summary>Stages one file of the release in the bucket.</summary>
    public void AddFile(string path, byte[] bytes)
    {
        Files[path] = bytes;
        Server.Store.Put(Prefix + path, bytes);
    }

    /// <summary>A small file (one GET), an empty one, a nested one, and one of three ranges (HEAD + ranged GETs).</summary>
    public void AddStandardRelease()
    {
        AddFile("app.dll", Bytes(5000, 1));
        AddFile("empty.txt", Array.Empty<byte>());
        AddFile("data/nested/config.json", Bytes(700, 2));
        AddFile("data/big.bin", Bytes((RangeSize * 2) + 12345, 3));
    }

    /// <summary>Drops a file from the next release (its object stays in the bucket).</summary>
    public void RemoveFile(string path) => Files.Remove(path);

    /// <summary>Writes the manifest of <see cref="Files"/> last, as the upload does.</summary>
    public void Publish()
    {
        ManifestBytes = Crc64ManifestWriter.ToBytes(new Crc64Manifest(Files.Select(f => new Crc64ManifestEntry(f.Key, f.Value.Length, Crc64Xz.Hash(f.Value)))));
        Server.Store.Put(ManifestKey, ManifestBytes);
    }

    public ReleaseSourceOptions SourceOptions(TimeSpan? timeout = null, int attempts = 3) => new()
    {
        Region = Server.Options.Region,
        Endpoint = Server.Url,
        Credentials = new StorageCredentials(EmulatorHarness.AccessKeyId, EmulatorHarness.Secret),
        MaxAttempts = attempts,
        RequestTimeout = timeout ?? TimeSpan.FromSeconds(10),
        RetryBaseDelay = TimeSpan.Zero,
        RetryMaxDelay = TimeSpan.Zero,
    };

    public ReleaseSource Source(string? key = null, ReleaseSourceOptions? options = null) =>
        ReleaseSource.Parse($"{Scheme}://{Server.Options.Bucket}/{key ?? ManifestKey}", options ?? SourceOptions());

    public ReleaseSource AnonymousSource(string? key = null, ReleaseSourceOptions? options = null) =>
        ReleaseSource.Parse(Server.Url + "/" + (key ?? ManifestKey), options ?? SourceOptions());

    public DownloadOptions Options(bool deleteExtra = false, bool requireHeader = false) => new()
    {
        Parallelism = 3,
        RangeSize = RangeSize,
        DeleteExtraFiles = deleteExtra,
        RequireServerChecksum = requireHeader,
        ProgressInterval = TimeSpan.Zero,
    };

    public async Task<DownloadSummary> DownloadAsync(ReleaseSource? source = null, DownloadOptions? options = null, CancellationToken cancellationToken = default)
    {
        using var downloader = new ReleaseDownloader(source ?? Source(), options ?? Options(), Observer);
        try
        {
            DownloadSummary summary = await downloader.DownloadAsync(Destination, cancellationToken);
            Observer.Messages.Enqueue(summary.ToString());
            return summary;
        }
        catch (Exception e)
        {
            Observer.Messages.Enqueue(e.ToString());
            throw;
        }
    }

    /// <summary>Every file (and link target text) in DEST with its bytes, for before/after comparisons.</summary>
    public SortedDictionary<string, string> Snapshot()
    {
        var snapshot = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (!Directory.Exists(Destination))
        {
            return snapshot;
        }

        foreach (string file in Directory.EnumerateFiles(Destination, "*", SearchOption.AllDirectories))
        {
            string relative = Path.GetRelativePath(Destination, file).Replace('\\', '/');
            snapshot[relative] = Crc64XzFormat.ToDecimalString(Crc64Xz.Hash(File.ReadAllBytes(file)));
        }

        return snapshot;
    }

    /// <summary>DEST is exactly the release (every file byte for byte, plus the manifest) and <paramref name="extras"/>.</summary>
    public void AssertDestinationIsRelease(params string[] extras)
    {
        SortedDictionary<string, string> actual = Snapshot();
        var expected = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach ((string path, byte[] bytes) in Files)
        {
            expected[path] = Crc64XzFormat.ToDecimalString(Crc64Xz.Hash(bytes));
        }

        expected[ManifestName] = Crc64XzFormat.ToDecimalString(Crc64Xz.Hash(ManifestBytes));
        foreach (string extra in extras)
        {
            expected[extra] = actual.TryGetValue(extra, out string? crc) ? crc : "missing";
        }

        Assert.Equal(expected, actual);
        Assert.False(Directory.Exists(Path.Combine(Root, ".dest.crc64xz-staging")), "the staging folder must go after a successful download");
    }

    public void AssertNoSecretIn(IEnumerable<string> texts)
    {
        foreach (string text in texts.Concat(Observer.Messages))
        {
            Assert.DoesNotContain(EmulatorHarness.Secret, text, StringComparison.Ordinal);
            Assert.DoesNotContain(EmulatorHarness.Token, text, StringComparison.Ordinal);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        _folder.Dispose();
    }
}

/// <summary>Captures every downloader event as text.</summary>
internal sealed class DownloadRecorder : DownloadObserver
{
    public ConcurrentQueue<string> Messages { get; } = new();

    public ConcurrentQueue<string> Warnings { get; } = new();

    public ConcurrentQueue<DownloadRetry> Retries { get; } = new();

    public ConcurrentQueue<DownloadFileResult> Fetched { get; } = new();

    public ConcurrentQueue<DownloadFileResult> Kept { get; } = new();

    public ConcurrentQueue<DownloadProgress> Progress { get; } = new();

    public override void OnFileKept(DownloadFileResult file)
    {
        Kept.Enqueue(file);
        Messages.Enqueue(file.ToString());
    }

    public override void OnFileFetched(DownloadFileResult file)
    {
        Fetched.Enqueue(file);
        Messages.Enqueue(file.ToString());
    }

    public override void OnProgress(DownloadProgress progress)
    {
        Progress.Enqueue(progress);
        Messages.Enqueue(progress.ToString());
    }

    public override void OnRetry(DownloadRetry retry)
    {
        Retries.Enqueue(retry);
        Messages.Enqueue(retry.ToString());
    }

    public override void OnWarning(string code, string message)
    {
        Warnings.Enqueue(code);
        Messages.Enqueue(message);
    }
}
