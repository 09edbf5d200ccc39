using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using CrcBuildTools.Emulator;
using Xunit;

namespace CrcBuildTools.EndToEnd.Tests.Infrastructure;

/// <summary>
/// A loopback COS or OSS bucket (the storage emulator, in-process on 127.0.0.1) plus what a user would hand to
/// <c>dotnet publish -p:Crc64Upload=true</c> to reach it: the MSBuild properties and the credential environment
/// variables. The secret and session token are distinctive strings, so tests can prove they leak nowhere.
/// </summary>
public sealed class EmulatedBucket : IAsyncDisposable
{
    /// <summary>The secret key given to the publish process only through its environment.</summary>
    public const string Secret = "e2e-SecretKey-5d41402abc4b2a76b9719d911017c592";

    /// <summary>The session token, also environment only; the emulator requires it to be sent and signed.</summary>
    public const string SessionToken = "e2e-SessionToken-7d793037a0760186574b0282f2f435e7";

    private const string AccessKeyId = "AKIDe2eEndToEndKeyId0123456789";

    private EmulatedBucket(StorageEmulatorServer server, string provider)
    {
        Server = server;
        Provider = provider;
    }

    /// <summary>The running emulator: <see cref="StorageEmulatorServer.Store"/>, <see cref="StorageEmulatorServer.Requests"/>, faults.</summary>
    public StorageEmulatorServer Server { get; }

    /// <summary><c>cos</c> or <c>oss</c>, as passed to Crc64UploadProvider.</summary>
    public string Provider { get; }

    /// <summary>Starts an emulator for <paramref name="provider"/> on a free loopback port.</summary>
    /// <param name="provider"><c>cos</c> or <c>oss</c>.</param>
    /// <param name="slowAnswer">How long a <see cref="FaultKind.SlowAnswer"/> fault holds its answer (default 2 s).</param>
    /// <returns>The running bucket.</returns>
    public static async Task<EmulatedBucket> StartAsync(string provider, TimeSpan? slowAnswer = null)
    {
        bool cos = provider == "cos";
        var server = new StorageEmulatorServer(new EmulatorOptions
        {
            Provider = cos ? EmulatedProvider.Cos : EmulatedProvider.Oss,
            Bucket = cos ? "releases-1250000000" : "releases",
            Region = cos ? "ap-guangzhou" : "cn-hangzhou",
            AccessKeyId = AccessKeyId,
            Secret = Secret,
            SessionToken = SessionToken,
            SlowAnswerDelay = slowAnswer ?? TimeSpan.FromSeconds(2),
        });
        await server.StartAsync();
        return new EmulatedBucket(server, provider);
    }

    /// <summary>The credential variables for the publish process, under the names the package documents.</summary>
    public IReadOnlyDictionary<string, string> CredentialEnvironment => Provider == "cos"
        ? new Dictionary<string, string> { ["COS_SECRET_ID"] = AccessKeyId, ["COS_SECRET_KEY"] = Secret, ["COS_SESSION_TOKEN"] = SessionToken }
        : new Dictionary<string, string> { ["OSS_ACCESS_KEY_ID"] = AccessKeyId, ["OSS_ACCESS_KEY_SECRET"] = Secret, ["OSS_SESSION_TOKEN"] = SessionToken };

    /// <summary>The <c>-p:</c> arguments that turn the upload on and point it at this bucket.</summary>
    /// <param name="extra">More <c>Name=Value</c> pairs (part size, threshold, ...).</param>
    /// <returns>The arguments, ready to append to a publish command.</returns>
    public IEnumerable<string> PublishProperties(params string[] extra) => new[]
    {
        "Crc64Upload=true",
        "Crc64UploadProvider=" + Provider,
        "Crc64UploadBucket=" + Server.Options.Bucket,
        "Crc64UploadRegion=" + Server.Options.Region,
        "Crc64UploadEndpoint=" + Server.Url,
    }.Concat(extra).Select(p => "-p:" + p);

    /// <summary>Successful object writes (PUT, part, complete) in the order the emulator finished them.</summary>
    public IReadOnlyList<RecordedRequest> Writes => Server.Requests
        .Where(r => r.Stage is FaultStage.Put or FaultStage.Part or FaultStage.Complete or FaultStage.Initiate && r.Status == 200)
        .ToList();

    /// <summary>
    /// Asserts the bucket holds exactly <paramref name="manifest"/>'s files under <paramref name="prefix"/>, each byte
    /// for byte equal to the published file and with the manifest's length and CRC, plus the manifest itself, equal
    /// to the local one and written after every other object. No multipart upload may be left open.
    /// </summary>
    /// <param name="prefix">The object key prefix, with its trailing slash.</param>
    /// <param name="publishDir">The local publish folder.</param>
    /// <param name="manifestName">The manifest's file name inside it.</param>
    /// <param name="manifest">The manifest's entries, already checked against the folder.</param>
    public void AssertHoldsExactly(string prefix, string publishDir, string manifestName, IReadOnlyList<ManifestFile> manifest)
    {
        IReadOnlyList<StoredObject> objects = Server.Store.Objects;
        var expectedKeys = manifest.Select(f => prefix + f.Path).Append(prefix + manifestName).OrderBy(k => k, StringComparer.Ordinal);
        Assert.Equal(expectedKeys, objects.Select(o => o.Key));

        foreach (ManifestFile file in manifest)
        {
            StoredObject stored = objects.Single(o => o.Key == prefix + file.Path);
            Assert.True(file.Length == stored.Length, $"{stored.Key}: stored {stored.Length} bytes, manifest says {file.Length}");
            Assert.True(file.Crc64 == stored.Crc64, $"{stored.Key}: the emulator's CRC-64 {stored.Crc64}, manifest says {file.Crc64}");
            Assert.True(File.ReadAllBytes(Path.Combine(publishDir, file.Path)).AsSpan().SequenceEqual(stored.Bytes), $"{stored.Key}: stored bytes differ from the published file");
        }

        StoredObject manifestObject = objects.Single(o => o.Key == prefix + manifestName);
        Assert.Equal(File.ReadAllBytes(Path.Combine(publishDir, manifestName)), manifestObject.Bytes);
        RecordedRequest last = Writes[^1];
        Assert.True(last.Key == manifestObject.Key && last.Stage == FaultStage.Put, $"the last write was {last.Method} {last.Key}, not the manifest");
        Assert.Single(Writes, w => w.Key == manifestObject.Key);
        AssertNoOpenMultipartUploads();
    }

    /// <summary>Asserts that no multipart upload is left open (its parts would be billed and orphaned).</summary>
    public void AssertNoOpenMultipartUploads() =>
        Assert.True(Server.Store.Uploads.Count == 0, "open multipart uploads: " + string.Join(", ", Server.Store.Uploads.Select(u => u.Key)));

    /// <inheritdoc />
    public ValueTask DisposeAsync() => Server.DisposeAsync();
}
