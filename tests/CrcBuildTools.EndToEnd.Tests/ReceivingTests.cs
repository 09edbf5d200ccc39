using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using CrcBuildTools.EndToEnd.Tests.Infrastructure;
using CrcBuildTools.Emulator;
using Xunit;
using Xunit.Abstractions;

namespace CrcBuildTools.EndToEnd.Tests;

/// <summary>
/// The receiving side through the packed packages: publish with upload and a channel, then the crc64xz tool installed
/// from the feed downloads through the channel into a fresh folder, the app runs from there and verifies its embedded
/// resources, every file agrees with xz, and the audit is clean. Then an updater: a Native AOT app referencing the
/// CrcBuildTools.ObjectStorage package downloads the release with ReleaseDownloader.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class ReceivingTests(PackagedFeedFixture feed, ITestOutputHelper output)
{
    [Fact]
    public async Task PublishWithChannelDownloadThroughItRunTheAppAndAuditClean()
    {
        using Workspace workspace = feed.CreateWorkspace("receiving");
        WriteVerifyingApp(workspace, "shipped", "net10.0");
        await using EmulatedBucket oss = await EmulatedBucket.StartAsync("oss");
        var environment = Environment(oss);

        DotnetProcess.Run(workspace.Root, new[] { "publish", "shipped/shipped.csproj", "-c", "Release", "-o", "out" }
            .Concat(oss.PublishProperties("Crc64UploadChannel=stable")).ToList(), environment).AssertSuccess();
        Assert.Equal("shipped/channels/stable.json", oss.Writes.Last().Key); // the pointer, last of all

        DotnetProcess.Run(workspace.Root, new[] { "tool", "install", "CrcBuildTools.Cli", "--version", PackagedFeedFixture.PackageVersion, "--tool-path", workspace.PathOf("tools") },
            feed.Environment).AssertSuccess();
        string crc64xz = workspace.PathOf("tools/crc64xz");
        string[] connection = { "--endpoint", oss.Server.Url, "--region", oss.Server.Options.Region };
        string dest = workspace.PathOf("deploy/shipped");

        (int exit, string text) = Run(crc64xz, environment, new[] { "download", "oss://releases/shipped/channels/stable.json", dest }.Concat(connection).ToArray());
        Assert.True(exit == 0, text);
        Assert.Contains("Downloaded", text, StringComparison.Ordinal);
        Assert.DoesNotContain(EmulatedBucket.Secret, text, StringComparison.Ordinal);

        // The folder is the release: the manifest that came with it lists exactly its files, each checked against xz.
        ManifestAssert.ListsExactlyTheFolder(Path.Combine(dest, "shipped.crc64.json"), dest);
        (int appExit, string appOutput) = Run("dotnet", environment, Path.Combine(dest, "shipped.dll"));
        Assert.True(appExit == 0, appOutput);
        Assert.Contains("VERIFIED", appOutput, StringComparison.Ordinal);

        (int auditExit, string audit) = Run(crc64xz, environment, new[] { "audit", "oss://releases/shipped/channels/stable.json", "--list-extra" }.Concat(connection).ToArray());
        Assert.True(auditExit == 0, audit);
        Assert.Contains("CLEAN", audit, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NativeAotUpdaterDownloadsAndVerifiesWithTheLibraryPackage()
    {
        // net8.0: the registry copy here serves the .NET 8 ILCompiler packs (see EmbeddedIntegrityTests).
        using Workspace workspace = feed.CreateWorkspace("updater-aot");
        WriteVerifyingApp(workspace, "shipped", "net8.0");
        await using EmulatedBucket cos = await EmulatedBucket.StartAsync("cos");
        var environment = Environment(cos);
        DotnetProcess.Run(workspace.Root, new[] { "publish", "shipped/shipped.csproj", "-c", "Release", "-o", "out" }
            .Concat(cos.PublishProperties("Crc64UploadChannel=stable")).ToList(), environment).AssertSuccess();

        workspace.WriteFile("updater/Program.cs", """
            using CrcBuildTools.ObjectStorage;
            var source = ReleaseSource.Parse(args[0], new ReleaseSourceOptions { Endpoint = args[1], Region = "ap-guangzhou" });
            using var downloader = new ReleaseDownloader(source);
            try
            {
                DownloadSummary summary = await downloader.DownloadAsync(args[2]);
                System.Console.WriteLine("UPDATED " + summary.Version + " " + summary.FilesFetched);
                return 0;
            }
            catch (ObjectStorageException e)
            {
                System.Console.WriteLine("FAILED " + e.Code);
                return 1;
            }
            """);
        workspace.WriteFile("updater/updater.csproj", $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net8.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="CrcBuildTools.ObjectStorage" Version="{PackagedFeedFixture.PackageVersion}" />
              </ItemGroup>
            </Project>
            """);
        DotnetResult publish = workspace.Dotnet("publish", "updater/updater.csproj", "-c", "Release", "-r", "linux-x64", "-p:PublishAot=true", "-o", workspace.PathOf("updater-bin"))
            .AssertSuccess();
        Assert.DoesNotContain("warning IL", publish.Output, StringComparison.Ordinal);

        string dest = workspace.PathOf("installed");
        (int exit, string text) = Run(workspace.PathOf("updater-bin/updater"), environment, "cos://releases-1250000000/shipped/channels/stable.json", cos.Server.Url, dest);
        Assert.True(exit == 0, text);
        Assert.Contains("UPDATED 1.0.0", text, StringComparison.Ordinal);
        ManifestAssert.ListsExactlyTheFolder(Path.Combine(dest, "shipped.crc64.json"), dest);

        // A replaced object: the updater refuses it with its code and leaves the installed folder as it was.
        string dll = Path.Combine(dest, "shipped.dll");
        byte[] before = File.ReadAllBytes(dll);
        StoredObject stored = cos.Server.Store.Get("shipped/1.0.0/shipped.dll")!;
        byte[] other = stored.Bytes!.ToArray();
        other[other.Length / 2] ^= 0xFF;
        cos.Server.Store.Put("shipped/1.0.0/shipped.dll", other);
        File.WriteAllBytes(dll, new byte[] { 1, 2, 3 }); // damaged locally, so it must be fetched again
        byte[] damaged = File.ReadAllBytes(dll);
        (int failedExit, string failed) = Run(workspace.PathOf("updater-bin/updater"), environment, "cos://releases-1250000000/shipped/channels/stable.json", cos.Server.Url, dest);
        Assert.Equal(1, failedExit);
        Assert.Contains("FAILED CRC4022", failed, StringComparison.Ordinal);
        Assert.Equal(damaged, File.ReadAllBytes(dll));
        Assert.NotEqual(before, damaged);
    }

    [Fact]
    public async Task TheCliPublishesAsOneNativeFileThatDownloadsFromAPublicUrlWithoutDotnet()
    {
        using Workspace workspace = feed.CreateWorkspace("cli-native");
        string native = workspace.PathOf("crc64xz-native");
        DotnetProcess.Run(RepositoryPaths.Root, new[]
        {
            "publish", "src/CrcBuildTools.Cli/CrcBuildTools.Cli.csproj", "-c", "Release", "-r", "linux-x64", "-p:Crc64xzNative=true",
            "-o", native, "--artifacts-path", Path.Combine(RepositoryPaths.E2eArtifacts, "cli-native"),
        }, feed.Environment).AssertSuccess();
        Assert.False(File.Exists(Path.Combine(native, "crc64xz.dll")), "a native publish has no IL assembly to run with dotnet");

        // A public-read bucket behind an https-like URL: no credentials at all, and a CDN that strips the CRC headers.
        await using var server = new StorageEmulatorServer(new EmulatorOptions { Provider = EmulatedProvider.Cos, Bucket = "pub-1250000000", PublicRead = true });
        await server.StartAsync();
        byte[] payload = Enumerable.Range(0, 3_000_000).Select(i => (byte)(i % 251)).ToArray();
        server.Store.Put("tool/1.0/payload.bin", payload);
        string payloadFile = workspace.PathOf("payload-source.bin");
        File.WriteAllBytes(payloadFile, payload);
        ulong crc = CrcBuildTools.TestSupport.XzOracle.Crc64(payloadFile);
        server.Store.Put("tool/1.0/tool.crc64.json", System.Text.Encoding.UTF8.GetBytes(
            "{\n  \"schema\": \"https://crcbuildtools/manifest/v1\",\n  \"algorithm\": \"CRC-64/XZ\",\n  \"files\": [\n    {\n      \"path\": \"payload.bin\",\n      \"length\": 3000000,\n      \"crc64\": \"" + crc + "\"\n    }\n  ]\n}\n"));
        server.Faults.Add(new FaultRule(FaultKind.MissingCrcHeader, FaultStage.Get, 1000));
        server.Faults.Add(new FaultRule(FaultKind.MissingCrcHeader, FaultStage.Head, 1000));

        string dest = workspace.PathOf("from-cdn");
        (int exit, string text) = Run(Path.Combine(native, "crc64xz"), new Dictionary<string, string>(), "download", server.Url + "/tool/1.0/tool.crc64.json", dest, "--range-size", "1M", "--json");
        Assert.True(exit == 0, text);
        Assert.Contains("\"verifiedWithoutHeader\": 1", text, StringComparison.Ordinal);
        Assert.Equal(payload, File.ReadAllBytes(Path.Combine(dest, "payload.bin")));
        Assert.All(server.Requests, r => Assert.False(r.Headers.ContainsKey("authorization")));
    }

    private Dictionary<string, string> Environment(EmulatedBucket bucket)
    {
        var environment = new Dictionary<string, string>(feed.Environment);
        foreach (KeyValuePair<string, string> credential in bucket.CredentialEnvironment)
        {
            environment[credential.Key] = credential.Value;
        }

        return environment;
    }

    /// <summary>An app with embedded resources whose Main runs EmbeddedIntegrity.Verify().</summary>
    private static void WriteVerifyingApp(Workspace workspace, string name, string framework)
    {
        workspace.WriteFile(name + "/Assets/data.json", "{ \"shipped\": true }\n");
        workspace.WriteFile(name + "/Assets/readme.txt", "read me\n");
        workspace.WriteProject(name, targetFrameworks: framework, extraProjectXml: """
              <PropertyGroup>
                <Version>1.0.0</Version>
              </PropertyGroup>
              <ItemGroup>
                <EmbeddedResource Include="Assets/**" />
                <Content Include="Assets/readme.txt" CopyToPublishDirectory="PreserveNewest" />
              </ItemGroup>
            """);
        workspace.WriteFile(name + "/Program.cs", """
            EmbeddedIntegrity.Verify();
            System.Console.WriteLine("VERIFIED");
            """);
    }

    private (int ExitCode, string Output) Run(string fileName, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (KeyValuePair<string, string> variable in environment)
        {
            start.Environment[variable.Key] = variable.Value;
        }

        using Process process = Process.Start(start)!;
        Task<string> error = process.StandardError.ReadToEndAsync();
        string text = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        text += error.Result;
        output.WriteLine($"{fileName} {string.Join(' ', arguments)}: exit {process.ExitCode}\n{text}");
        return (process.ExitCode, text);
    }
}
