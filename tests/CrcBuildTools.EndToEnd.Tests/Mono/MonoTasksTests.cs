using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using CrcBuildTools.EndToEnd.Tests.Infrastructure;
using CrcBuildTools.TestSupport;
using Xunit;
using Xunit.Abstractions;

namespace CrcBuildTools.EndToEnd.Tests.Mono;

/// <summary>
/// The Mono leg: the four MSBuild tasks exactly as Visual Studio's MSBuild gets them (tasks/net472/ from the packed
/// nupkg), run on Mono's .NET Framework class library through a minimal IBuildEngine. Mono does not enforce assembly
/// versions for System.Memory and friends, so this proves the net472 tasks WORK; VisualStudioBindingTests proves they
/// BIND inside Visual Studio.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class MonoTasksTests(PackagedFeedFixture feed, ITestOutputHelper output)
{
    private const int BigFileLength = 50 * 1000 * 1000;

    [MonoFact]
    public void ManifestOfAFolderWithA50MBFileMatchesXz()
    {
        using var temp = new TempFolder("mono-manifest");
        string tasks = MonoTaskHost.ExtractTasks(feed, temp.PathOf("tasks"));
        string folder = WriteRelease(temp.PathOf("release"));
        string manifest = Path.Combine(folder, "app.crc64.json");

        MonoRun run = MonoTaskHost.Run(tasks, WriteManifest(folder, manifest, temp.PathOf("obj/app.crc64build.cache")));
        Report("manifest", run);

        Assert.True(run.ExitCode == 0 && run.Succeeded("WriteCrc64Manifest"), run.Text);
        Assert.Contains(run.Lines, l => l[0] == "runtime" && l[1] == "Mono");
        Assert.Equal("True", run.Output("WriteCrc64Manifest", "ManifestWritten"));
        IReadOnlyList<ManifestFile> files = ManifestAssert.ListsExactlyTheFolder(manifest, folder);
        Assert.Contains(files, f => f.Path == "data/big.bin" && f.Length == BigFileLength);

        // The task's own output items carry the same CRCs (the upload target consumes them).
        foreach (string[] item in run.Kind("output-item").Where(l => l[2] == "Checksums"))
        {
            string relative = Metadata(item, "RelativePath");
            Assert.Equal(files.Single(f => f.Path == relative).Crc64.ToString(CultureInfo.InvariantCulture), Metadata(item, "Crc64"));
        }
    }

    [MonoFact]
    public void VerifyPassesOnTheFolderAndCatchesOneFlippedByte()
    {
        using var temp = new TempFolder("mono-verify");
        string tasks = MonoTaskHost.ExtractTasks(feed, temp.PathOf("tasks"));
        string folder = WriteRelease(temp.PathOf("release"));
        string manifest = Path.Combine(folder, "app.crc64.json");
        Assert.True(MonoTaskHost.Run(tasks, WriteManifest(folder, manifest, null)).ExitCode == 0);
        string[][] verify = { new[] { "task", "VerifyCrc64Manifest" }, new[] { "set", "ManifestPath", manifest }, new[] { "run" } };

        MonoRun clean = MonoTaskHost.Run(tasks, verify);
        string big = Path.Combine(folder, "data", "big.bin");
        using (var stream = new FileStream(big, FileMode.Open, FileAccess.ReadWrite))
        {
            stream.Position = BigFileLength / 2 + 3;
            int original = stream.ReadByte();
            stream.Position--;
            stream.WriteByte((byte)(original ^ 0x01));
        }

        MonoRun tampered = MonoTaskHost.Run(tasks, verify);
        Report("verify (clean, tampered)", clean, tampered);

        Assert.True(clean.ExitCode == 0 && clean.Succeeded("VerifyCrc64Manifest"), clean.Text);
        Assert.Empty(clean.Kind("error"));
        Assert.False(tampered.Succeeded("VerifyCrc64Manifest"), tampered.Text);
        string[] error = Assert.Single(tampered.Kind("error"));
        Assert.Equal("CRC1006", error[1]);
        Assert.Contains("big.bin", error[2] + error[3], StringComparison.Ordinal);
    }

    [MonoFact]
    public void ResourceChecksumsMatchXzUnderTheirManifestNames()
    {
        using var temp = new TempFolder("mono-resources");
        string tasks = MonoTaskHost.ExtractTasks(feed, temp.PathOf("tasks"));
        var random = new Random(3);
        var resources = new List<(string File, string Name)>();
        foreach ((string file, string name, int length) in new[] { ("logo.png", "App.Assets.logo.png", 70_001), ("strings.resources", "App.Strings.resources", 4_096), ("empty.txt", "App.empty.txt", 0), ("ünïcode name.json", "App.ünïcode name.json", 1_234) })
        {
            var bytes = new byte[length];
            random.NextBytes(bytes);
            resources.Add((temp.Write("res/" + file, bytes), name));
        }

        string checksumFile = temp.PathOf("obj/app.resources.crc64.txt");
        var script = new List<string[]> { new[] { "task", "ComputeEmbeddedResourceChecksums" }, new[] { "set", "ChecksumFile", checksumFile } };
        script.AddRange(resources.Select(r => new[] { "item", "Resources", r.File, "LogicalName=" + r.Name }));
        script.Add(new[] { "run" });

        MonoRun run = MonoTaskHost.Run(tasks, script);
        Report("resource checksums", run);

        Assert.True(run.ExitCode == 0 && run.Succeeded("ComputeEmbeddedResourceChecksums"), run.Text);
        var lines = File.ReadAllLines(checksumFile).Where(l => !l.StartsWith("#", StringComparison.Ordinal) && l.Length > 0).ToList();
        Assert.Equal(resources.Count, lines.Count);
        foreach ((string file, string name) in resources)
        {
            string expected = XzOracle.Crc64(file).ToString(CultureInfo.InvariantCulture) + "\t" + new FileInfo(file).Length.ToString(CultureInfo.InvariantCulture) + "\t" + name;
            Assert.Contains(expected, lines);
        }
    }

    [MonoFact]
    public async Task UploadToTheEmulatorIsVerifiedAndLeavesACompleteRelease()
    {
        using var temp = new TempFolder("mono-upload");
        string tasks = MonoTaskHost.ExtractTasks(feed, temp.PathOf("tasks"));
        string folder = temp.PathOf("publish");
        var random = new Random(5);
        foreach ((string path, int length) in new[] { ("app.dll", 20_000), ("data/three-parts.bin", (2 * 1024 * 1024) + 77), ("empty.txt", 0), ("with space+plus#.txt", 10) })
        {
            var bytes = new byte[length];
            random.NextBytes(bytes);
            temp.Write("publish/" + path, bytes);
        }

        string manifest = Path.Combine(folder, "app.crc64.json");
        await using EmulatedBucket bucket = await EmulatedBucket.StartAsync("cos");
        var script = WriteManifest(folder, manifest, null).ToList();
        script.Insert(script.Count - 1, new[] { "save", "Checksums", "published" });
        script.AddRange(new[]
        {
            new[] { "task", "Crc64Upload" },
            new[] { "items-from", "Files", "published" },
            new[] { "set", "ManifestPath", manifest },
            new[] { "set", "Provider", "cos" },
            new[] { "set", "Bucket", bucket.Server.Options.Bucket },
            new[] { "set", "Region", bucket.Server.Options.Region },
            new[] { "set", "Endpoint", bucket.Server.Url },
            new[] { "set", "Prefix", "monoapp/1.0.0/" },
            new[] { "set", "PartSize", "1048576" },
            new[] { "set", "MultipartThreshold", "1048576" },
            new[] { "run" },
        });

        MonoRun run = MonoTaskHost.Run(tasks, script, bucket.CredentialEnvironment);
        Report("upload", run);

        Assert.True(run.ExitCode == 0 && run.Succeeded("Crc64Upload"), run.Text);
        Assert.Equal("5", run.Output("Crc64Upload", "UploadedCount"));
        bucket.AssertHoldsExactly("monoapp/1.0.0/", folder, "app.crc64.json", ManifestAssert.ListsExactlyTheFolder(manifest, folder));
        Assert.Contains(bucket.Server.Requests, r => r.Key == "monoapp/1.0.0/data/three-parts.bin" && r.Stage == Emulator.FaultStage.Part);
        Assert.DoesNotContain(EmulatedBucket.Secret, run.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(EmulatedBucket.SessionToken, run.Text, StringComparison.Ordinal);
    }

    private static string WriteRelease(string folder)
    {
        var random = new Random(50);
        var big = new byte[BigFileLength];
        random.NextBytes(big);
        Directory.CreateDirectory(Path.Combine(folder, "data"));
        File.WriteAllBytes(Path.Combine(folder, "data", "big.bin"), big);
        File.WriteAllText(Path.Combine(folder, "app.runtimeconfig.json"), "{ \"runtimeOptions\": {} }\n");
        File.WriteAllBytes(Path.Combine(folder, "empty.dat"), Array.Empty<byte>());
        File.WriteAllText(Path.Combine(folder, "data", "ünïcode – name.txt"), "named in UTF-8\n");
        return folder;
    }

    private static IEnumerable<string[]> WriteManifest(string folder, string manifest, string? cacheFile)
    {
        yield return new[] { "task", "WriteCrc64Manifest" };
        yield return new[] { "set", "RootDirectory", folder };
        yield return new[] { "set", "ManifestPath", manifest };
        if (cacheFile is not null)
        {
            yield return new[] { "set", "CacheFile", cacheFile };
        }

        foreach (string file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Where(f => f != manifest).OrderBy(f => f, StringComparer.Ordinal))
        {
            yield return new[] { "item", "Files", file };
        }

        yield return new[] { "run" };
    }

    private static string Metadata(string[] item, string name) =>
        item.Skip(4).Single(pair => pair.StartsWith(name + "=", StringComparison.Ordinal)).Substring(name.Length + 1);

    private void Report(string what, params MonoRun[] runs) =>
        output.WriteLine($"{what} under mono: {string.Join(", ", runs.Select(r => r.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s"))} (harness build {MonoTaskHost.HarnessBuildTime.TotalSeconds:0.0} s, once)");
}
