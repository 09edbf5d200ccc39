using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using CrcBuildTools.Emulator;
using CrcBuildTools.ObjectStorage;
using CrcBuildTools.TestSupport;
using Microsoft.Build.Framework;
using TaskItem = Microsoft.Build.Utilities.TaskItem;
using Xunit;

namespace CrcBuildTools.Tasks.Tests.Upload;

/// <summary>
/// A publish folder whose manifest is written by the real <see cref="WriteCrc64Manifest"/> task, and an in-process
/// COS/OSS emulator on 127.0.0.1 that the real <see cref="Crc64Upload"/> task uploads to, as the package's targets
/// chain them.
/// </summary>
internal sealed class UploadTaskHarness : IAsyncDisposable
{
    public const string AccessKeyId = "AKIDtaskharness0123456789ab";
    public const string Secret = "sk-TaskSecret-45c48cce2e2d7fbdea1afc51c7c6ad26";
    public const string Token = "tok-TaskSession-d3d9446802a44259755d38e6d163e820";
    public const string Prefix = "app/1.0.0/";
    public const string ManifestName = "app.crc64.json";

    private readonly TempFolder _folder = new("upload-task");

    private UploadTaskHarness(StorageEmulatorServer server, StorageProvider provider)
    {
        Server = server;
        Provider = provider;
        Directory.CreateDirectory(Publish);
    }

    public StorageEmulatorServer Server { get; }

    public StorageProvider Provider { get; }

    public string Publish => Path.Combine(_folder.Path, "publish");

    public string ManifestPath => Path.Combine(Publish, ManifestName);

    public long PartSize => Provider == StorageProvider.Cos ? ObjectStorageOptions.MiB : 100 * 1024;

    public static async Task<UploadTaskHarness> StartAsync(StorageProvider provider, string? requiredToken = null)
    {
        var server = new StorageEmulatorServer(new EmulatorOptions
        {
            Provider = provider == StorageProvider.Cos ? EmulatedProvider.Cos : EmulatedProvider.Oss,
            Bucket = provider == StorageProvider.Cos ? "release-1250000000" : "release-bucket",
            Region = provider == StorageProvider.Cos ? "ap-guangzhou" : "cn-hangzhou",
            AccessKeyId = AccessKeyId,
            Secret = Secret,
            SessionToken = requiredToken,
        });
        await server.StartAsync();
        return new UploadTaskHarness(server, provider);
    }

    /// <summary>A file of seeded pseudo-random bytes in the publish folder.</summary>
    public string AddFile(string relativePath, long length, int seed = 1)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return _folder.Write(Path.Combine("publish", relativePath), bytes);
    }

    /// <summary>A small file, a zero-byte file, and one that needs three parts; then the manifest of them.</summary>
    public void AddStandardRelease()
    {
        AddFile("app.dll", 5000, 1);
        AddFile("empty.txt", 0, 2);
        AddFile("data/big.bin", PartSize * 2 + 12345, 3);
        WriteManifest();
    }

    /// <summary>Runs the publish-mode manifest task over every file now in the folder.</summary>
    public ITaskItem[] WriteManifest()
    {
        var engine = new FakeBuildEngine();
        var task = new WriteCrc64Manifest
        {
            BuildEngine = engine,
            Files = Directory.GetFiles(Publish, "*", SearchOption.AllDirectories)
                .Where(f => !f.EndsWith(ManifestName, StringComparison.Ordinal))
                .Select(f => (ITaskItem)new TaskItem(f)).ToArray(),
            RootDirectory = Publish,
            ManifestPath = ManifestPath,
        };
        Assert.True(task.Execute(), string.Join("\n", engine.Everything));
        return task.Checksums;
    }

    public (bool Ok, FakeBuildEngine Engine) Run(Action<Crc64Upload>? adjust = null)
    {
        var engine = new FakeBuildEngine();
        var task = new Crc64Upload
        {
            BuildEngine = engine,
            ManifestPath = ManifestPath,
            Provider = Provider.ToString().ToLowerInvariant(),
            Bucket = Server.Options.Bucket,
            Region = Server.Options.Region,
            Endpoint = Server.Url,
            Prefix = Prefix,
            PartSize = PartSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
            MultipartThreshold = PartSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
            MaxAttempts = "2",
        };
        adjust?.Invoke(task);
        return (task.Execute(), engine);
    }

    public StoredObject? Stored(string relativePath) => Server.Store.Get(Prefix + relativePath);

    public bool ManifestUploaded => Stored(ManifestName) is not null;

    /// <summary>Requests that touched the bucket's objects (the emulator's control calls are not recorded).</summary>
    public int RequestCount => Server.Requests.Count;

    /// <summary>Every file of the folder (the manifest included) is in the bucket, byte for byte.</summary>
    public void AssertFolderStored()
    {
        foreach (string file in Directory.GetFiles(Publish, "*", SearchOption.AllDirectories))
        {
            string relative = Path.GetRelativePath(Publish, file).Replace(Path.DirectorySeparatorChar, '/');
            StoredObject? stored = Stored(relative);
            Assert.True(stored is not null, $"missing object {Prefix + relative}");
            Assert.Equal(File.ReadAllBytes(file), stored!.Bytes);
        }
    }

    public void AssertNoOrphanedUploads() => Assert.Empty(Server.Store.Uploads);

    public static void AssertNoSecretIn(IEnumerable<string> texts)
    {
        foreach (string text in texts)
        {
            Assert.DoesNotContain(Secret, text, StringComparison.Ordinal);
            Assert.DoesNotContain(Token, text, StringComparison.Ordinal);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        _folder.Dispose();
    }
}

/// <summary>Sets environment variables for one test and restores them after (they are process-wide).</summary>
internal sealed class EnvironmentScope : IDisposable
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

    public static EnvironmentScope Credentials(StorageProvider provider, string? token = null) => provider == StorageProvider.Cos
        ? new EnvironmentScope(("COS_SECRET_ID", UploadTaskHarness.AccessKeyId), ("COS_SECRET_KEY", UploadTaskHarness.Secret), ("COS_SESSION_TOKEN", token),
            ("TENCENTCLOUD_SESSION_TOKEN", null))
        : new EnvironmentScope(("OSS_ACCESS_KEY_ID", UploadTaskHarness.AccessKeyId), ("OSS_ACCESS_KEY_SECRET", UploadTaskHarness.Secret), ("OSS_SESSION_TOKEN", token),
            ("ALIBABA_CLOUD_SECURITY_TOKEN", null));

    public void Dispose()
    {
        foreach ((string name, string? old) in _saved)
        {
            Environment.SetEnvironmentVariable(name, old);
        }
    }
}
