using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using CrcBuildTools.Emulator;
using CrcBuildTools.Hashing;
using CrcBuildTools.Manifests;
using CrcBuildTools.TestSupport;
using Xunit;

namespace CrcBuildTools.Cli.Tests;

/// <summary>download, audit and cleanup as a user types them, against an in-process emulator.</summary>
public sealed class StorageCommandTests : IAsyncLifetime
{
    private const string Secret = "cli-secret-3b5d5c3712955042212316173ccf37be";
    private readonly TempFolder _folder = new("cli-storage");
    private StorageEmulatorServer _server = null!;

    private Dictionary<string, string> Environment => new() { ["COS_SECRET_ID"] = "AKIDcli0123456789", ["COS_SECRET_KEY"] = Secret };

    private string Dest => Path.Combine(_folder.Path, "dest");

    public async Task InitializeAsync()
    {
        _server = new StorageEmulatorServer(new EmulatorOptions
        {
            Provider = EmulatedProvider.Cos, Bucket = "rel-1250000000", Region = "ap-guangzhou", AccessKeyId = "AKIDcli0123456789", Secret = Secret,
        });
        await _server.StartAsync();
        var files = new Dictionary<string, byte[]>
        {
            ["app.dll"] = Encoding.UTF8.GetBytes("the app"),
            ["runtimes/linux-x64/native/lib.so"] = Enumerable.Range(0, 300_000).Select(i => (byte)(i * 7)).ToArray(),
        };
        foreach ((string path, byte[] bytes) in files)
        {
            _server.Store.Put("app/1.0/" + path, bytes);
        }

        byte[] manifest = Crc64ManifestWriter.ToBytes(new Crc64Manifest(files.Select(f => new Crc64ManifestEntry(f.Key, f.Value.Length, Crc64Xz.Hash(f.Value)))));
        _server.Store.Put("app/1.0/app.crc64.json", manifest);
        var pointer = new Crc64ChannelPointer("stable", "1.0", "app/channels/stable.json", "app/1.0/app.crc64.json", manifest.Length, Crc64Xz.Hash(manifest));
        _server.Store.Put("app/channels/stable.json", Encoding.UTF8.GetBytes(pointer.ToJson()));
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _folder.Dispose();
    }

    private CliRun Run(params string[] args) =>
        CliRun.WithEnvironment(Environment, args.Concat(new[] { "--endpoint", _server.Url, "--region", "ap-guangzhou" }).ToArray());

    [Fact]
    public void Download_through_a_channel_with_json_then_audit_clean()
    {
        CliRun run = Run("download", "cos://rel-1250000000/app/channels/stable.json", Dest, "--json", "--range-size", "64K");

        Assert.Equal(0, run.ExitCode);
        using JsonDocument json = JsonDocument.Parse(run.StdOut);
        Assert.True(json.RootElement.GetProperty("success").GetBoolean());
        Assert.Equal("1.0", json.RootElement.GetProperty("version").GetString());
        Assert.Equal(2, json.RootElement.GetProperty("filesFetched").GetInt32());
        Assert.Equal(2, json.RootElement.GetProperty("verifiedWithHeader").GetInt32());
        Assert.Contains("fetched  runtimes/linux-x64/native/lib.so", run.StdErr, StringComparison.Ordinal);
        Assert.Equal("the app", File.ReadAllText(Path.Combine(Dest, "app.dll")));
        Assert.True(File.Exists(Path.Combine(Dest, "app.crc64.json")));

        // The downloaded folder verifies with the manifest that came with it, and xz agrees with every file.
        Assert.Equal(0, CliRun.Of("verify", Path.Combine(Dest, "app.crc64.json")).ExitCode);
        byte[] library = Enumerable.Range(0, 300_000).Select(i => (byte)(i * 7)).ToArray();
        Assert.Equal(Crc64Xz.Hash(library), XzOracle.Crc64(Path.Combine(Dest, "runtimes/linux-x64/native/lib.so")));

        CliRun audit = Run("audit", "cos://rel-1250000000/app/channels/stable.json", "--list-extra");
        Assert.Equal(0, audit.ExitCode);
        Assert.StartsWith("CLEAN: 2 object(s) checked", audit.StdOut, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, run.StdOut + run.StdErr + audit.StdOut + audit.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_replaced_object_fails_download_and_audit_with_its_code()
    {
        _server.Store.Put("app/1.0/app.dll", Encoding.UTF8.GetBytes("THE APP"));

        CliRun download = Run("download", "cos://rel-1250000000/app/1.0/app.crc64.json", Dest);
        Assert.Equal(1, download.ExitCode);
        Assert.Contains("crc64xz: error CRC4022", download.StdErr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Dest));

        CliRun audit = Run("audit", "cos://rel-1250000000/app/1.0/app.crc64.json", "--json");
        Assert.Equal(1, audit.ExitCode);
        Assert.Contains("CRC4022: 'app/1.0/app.dll'", audit.StdErr, StringComparison.Ordinal);
        using JsonDocument json = JsonDocument.Parse(audit.StdOut);
        Assert.Equal(1, json.RootElement.GetProperty("counts").GetProperty("crc-differs").GetInt32());
        Assert.DoesNotContain("   at ", download.StdErr + audit.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void Cleanup_lists_with_age_and_aborts_old_uploads()
    {
        _server.Store.StartUpload("app/2.0/big.bin").Initiated = DateTimeOffset.UtcNow.AddDays(-2);
        _server.Store.StartUpload("app/2.0/new.bin");

        CliRun list = Run("cleanup", "cos://rel-1250000000/app/");
        Assert.Equal(0, list.ExitCode);
        Assert.Equal(2, list.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Contains("app/2.0/big.bin\t", list.StdOut, StringComparison.Ordinal);
        Assert.Contains("2.0 d", list.StdOut, StringComparison.Ordinal);

        CliRun abort = Run("cleanup", "cos://rel-1250000000/app/", "--abort", "--older-than", "1d", "--json");
        Assert.Equal(0, abort.ExitCode);
        using JsonDocument json = JsonDocument.Parse(abort.StdOut);
        JsonElement upload = Assert.Single(json.RootElement.GetProperty("uploads").EnumerateArray());
        Assert.True(upload.GetProperty("aborted").GetBoolean());
        Assert.Equal("app/2.0/new.bin", Assert.Single(_server.Store.Uploads).Key);
    }

    [Theory]
    [InlineData(2, "download", "cos://rel-1250000000/app/1.0/app.crc64.json")]
    [InlineData(2, "download", "a", "b", "--bogus")]
    [InlineData(2, "cleanup", "cos://rel-1250000000/app/", "--older-than", "soon")]
    [InlineData(2, "audit", "cos://x/y", "--parallelism", "0")]
    [InlineData(1, "download", "ftp://host/app.crc64.json", "dest")]
    [InlineData(1, "download", "http://example.com/app.crc64.json", "dest")]
    [InlineData(1, "audit", "https://cdn.example.com/app/1.0/app.crc64.json", "--list-extra")]
    public void Bad_command_lines_are_refused_with_a_code_or_usage_and_no_stack_trace(int exitCode, params string[] args)
    {
        CliRun run = Run(args);

        Assert.Equal(exitCode, run.ExitCode);
        Assert.DoesNotContain("   at ", run.StdErr, StringComparison.Ordinal);
        if (exitCode == 1)
        {
            Assert.Contains("crc64xz: error CRC40", run.StdErr, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Missing_credentials_are_CRC4004_and_name_the_variables()
    {
        CliRun run = CliRun.WithEnvironment(new Dictionary<string, string>(), "download", "oss://bucket/app/1.0/app.crc64.json", Dest, "--region", "cn-hangzhou");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("CRC4004", run.StdErr, StringComparison.Ordinal);
        Assert.Contains("OSS_ACCESS_KEY_ID", run.StdErr, StringComparison.Ordinal);
    }
}
