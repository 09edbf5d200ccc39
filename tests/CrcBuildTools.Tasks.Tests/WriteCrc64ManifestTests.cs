using System;
using System.IO;
using System.Linq;
using CrcBuildTools.Hashing;
using CrcBuildTools.Manifests;
using CrcBuildTools.TestSupport;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using Xunit;

namespace CrcBuildTools.Tasks.Tests;

public sealed class WriteCrc64ManifestTests
{
    private static (WriteCrc64Manifest Task, FakeBuildEngine Engine) BuildTask(TaskFolder folder, bool buildMode, params string[] files) =>
        folder.ManifestTask(buildMode, null, files);

    [Fact]
    public void BuildModeListsOnlyExistingFilesInsideTheOutputFolder()
    {
        using var folder = new TaskFolder();
        string dll = folder.Write("bin/app.dll", "123456789");
        string nested = folder.Write("bin/runtimes/linux-x64/native/lib.so", "native");
        string objFile = folder.Write("obj/app.dll", "intermediate");
        string absent = Path.Combine(folder.Bin, "registered-but-not-written.xml");
        folder.Write("bin/stale-from-an-older-build.dll", "stale");
        var (task, engine) = BuildTask(folder, buildMode: true, dll, nested, objFile, absent, folder.Manifest, dll);

        Assert.True(task.Execute(), string.Join("\n", engine.Errors.Select(e => e.Message)));

        Crc64Manifest manifest = Crc64ManifestReader.Read(folder.Manifest);
        Assert.Equal(new[] { "app.dll", "runtimes/linux-x64/native/lib.so" }, manifest.Files.Select(f => f.Path));
        Assert.Equal(11051210869376104954UL, manifest.Files[0].Crc64);
        Assert.Equal(2, task.HashedFileCount);
        Assert.True(task.ManifestWritten);

        ITaskItem item = task.Checksums.Single(c => c.GetMetadata("RelativePath") == "app.dll");
        Assert.Equal(Path.GetFullPath(dll), item.ItemSpec);
        Assert.Equal("9", item.GetMetadata("Length"));
        Assert.Equal("11051210869376104954", item.GetMetadata("Crc64"));
        Assert.Equal(Crc64Xz.Hash("native"u8).ToString(System.Globalization.CultureInfo.InvariantCulture), task.Checksums.Single(c => c.GetMetadata("RelativePath").EndsWith(".so", StringComparison.Ordinal)).GetMetadata("Crc64"));
    }

    [Fact]
    public void NoOpRunHashesNothingAndLeavesTheManifestUntouched()
    {
        using var folder = new TaskFolder();
        string[] files = Enumerable.Range(0, 5).Select(i => folder.Write($"bin/f{i}.dll", "content " + i)).ToArray();
        Assert.True(BuildTask(folder, true, files).Task.Execute());
        var old = new DateTime(2023, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(folder.Manifest, old);
        DateTime cacheTime = File.GetLastWriteTimeUtc(folder.Cache);

        var (second, engine) = BuildTask(folder, true, files);
        Assert.True(second.Execute());

        Assert.Equal(0, second.HashedFileCount);
        Assert.False(second.ManifestWritten);
        Assert.Equal(old, File.GetLastWriteTimeUtc(folder.Manifest));
        Assert.Equal(cacheTime, File.GetLastWriteTimeUtc(folder.Cache));
        Assert.Equal(5, second.Checksums.Length);
        Assert.Contains(engine.Messages, m => m.Message!.Contains("5 files, 0 hashed, 5 from cache, unchanged", StringComparison.Ordinal));
    }

    [Fact]
    public void ChangingOneFileRehashesOnlyThatFile()
    {
        using var folder = new TaskFolder();
        string[] files = Enumerable.Range(0, 5).Select(i => folder.Write($"bin/f{i}.dll", "content " + i)).ToArray();
        Assert.True(BuildTask(folder, true, files).Task.Execute());

        folder.Write("bin/f3.dll", "changed content", secondsAfterPast: 60);
        var (task, _) = BuildTask(folder, true, files);
        Assert.True(task.Execute());

        Assert.Equal(1, task.HashedFileCount);
        Assert.True(task.ManifestWritten);
        Assert.Equal(Crc64Xz.Hash("changed content"u8), Crc64ManifestReader.Read(folder.Manifest).Find("f3.dll")!.Crc64);
    }

    [Fact]
    public void SameLengthAndTimestampButDifferentPathIsNotTakenFromTheCache()
    {
        using var folder = new TaskFolder();
        string a = folder.Write("bin/a.dll", "aaaa");
        Assert.True(BuildTask(folder, true, a).Task.Execute());
        string b = folder.Write("bin/b.dll", "bbbb");
        var (task, _) = BuildTask(folder, true, a, b);
        Assert.True(task.Execute());
        Assert.Equal(1, task.HashedFileCount);
        Assert.Equal(Crc64Xz.Hash("bbbb"u8), Crc64ManifestReader.Read(folder.Manifest).Find("b.dll")!.Crc64);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void AFileReplacedWithTheSameLengthAndPinnedTimestampIsRehashed(bool replaceByNewFile)
    {
        // Deterministic nupkgs give every file the same last-write time, and NuGet and MSBuild's Copy keep it:
        // a different file of the same length can arrive at the same path with the same time.
        var pinned = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        using var folder = new TaskFolder();
        string dll = folder.Write("bin/lib.dll", "version 1");
        File.SetLastWriteTimeUtc(dll, pinned);
        Assert.True(BuildTask(folder, true, dll).Task.Execute());
        var (unchanged, _) = BuildTask(folder, true, dll);
        Assert.True(unchanged.Execute());
        Assert.Equal(0, unchanged.HashedFileCount); // the cache is in use

        if (replaceByNewFile)
        {
            File.Delete(dll);
            File.WriteAllText(dll, "version 2");
        }
        else
        {
            using var stream = new FileStream(dll, FileMode.Open, FileAccess.Write);
            stream.Write("version 2"u8);
        }

        File.SetLastWriteTimeUtc(dll, pinned);
        var (task, _) = BuildTask(folder, true, dll);
        Assert.True(task.Execute());

        Assert.Equal(1, task.HashedFileCount);
        Assert.Equal(Crc64Xz.Hash("version 2"u8), Crc64ManifestReader.Read(folder.Manifest).Find("lib.dll")!.Crc64);
    }

    [Fact]
    public void ACorruptCacheIsIgnoredNotFatal()
    {
        using var folder = new TaskFolder();
        string a = folder.Write("bin/a.dll", "aaaa");
        File.WriteAllText(folder.Cache, "#crcbuildtools-hash-cache v2\nnot\ta\tnumber\t\t\t\nx");
        var (task, engine) = BuildTask(folder, true, a);
        Assert.True(task.Execute());
        Assert.Empty(engine.Errors);
        Assert.Equal(1, task.HashedFileCount);
    }

    [Fact]
    public void PublishModeFailsOnAMissingFileWithCrc1001()
    {
        using var folder = new TaskFolder();
        string present = folder.Write("bin/a.dll", "a");
        string missing = Path.Combine(folder.Bin, "b.dll");
        var (task, engine) = BuildTask(folder, false, present, missing);

        Assert.False(task.Execute());

        BuildErrorEventArgs error = Assert.Single(engine.Errors);
        Assert.Equal("CRC1001", error.Code);
        Assert.Equal(missing, error.File);
        Assert.Contains("publish again", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(folder.Manifest));
    }

    [Fact]
    public void PublishModeRejectsFilesOutsideTheFolderWithCrc1008()
    {
        using var folder = new TaskFolder();
        string outside = folder.Write("obj/a.dll", "a");
        var (task, engine) = BuildTask(folder, false, outside);
        Assert.False(task.Execute());
        Assert.Equal("CRC1008", Assert.Single(engine.Errors).Code);
    }

    [Fact]
    public void UnwritableManifestFailsWithCrc1003()
    {
        using var folder = new TaskFolder();
        string a = folder.Write("bin/a.dll", "a");
        Directory.CreateDirectory(folder.Manifest); // a folder where the manifest file should go
        var (task, engine) = BuildTask(folder, true, a);
        Assert.False(task.Execute());
        BuildErrorEventArgs error = Assert.Single(engine.Errors);
        Assert.Equal("CRC1003", error.Code);
        Assert.DoesNotContain("CRC1003:", error.Message, StringComparison.Ordinal); // the code is in its own column
    }

    [Fact]
    public void AnUnwritableCacheCostsRehashingButNeverFailsTheBuild()
    {
        using var folder = new TaskFolder();
        string a = folder.Write("bin/a.dll", "aaaa");
        folder.Write("bin/blocker", "a file where a folder is needed");
        var (task, engine) = BuildTask(folder, true, a);
        task.CacheFile = Path.Combine(folder.Bin, "blocker", "app.crc64build.cache");

        Assert.True(task.Execute());

        Assert.Empty(engine.Errors);
        Assert.Equal(Crc64Xz.Hash("aaaa"u8), Crc64ManifestReader.Read(folder.Manifest).Find("a.dll")!.Crc64);
        Assert.Contains(engine.Messages, m => m.Message!.Contains("hash cache was not saved", StringComparison.Ordinal) &&
            m.Message.Contains("cannot write the hash cache", StringComparison.Ordinal) && !m.Message.Contains("CRC1003", StringComparison.Ordinal));
    }

    [Fact]
    public void ParallelHashingAsksMSBuildForCoresAndGivesBackWhatItGot()
    {
        using var folder = new TaskFolder();
        string[] files = Enumerable.Range(0, 40).Select(i => folder.Write($"bin/f{i}.dll", new string('x', i + 1))).ToArray();
        var (task, engine) = BuildTask(folder, true, files);
        task.MaxDegreeOfParallelism = "6";
        engine.CoresGranted = 2;

        Assert.True(task.Execute(), string.Join("\n", engine.Everything));

        Assert.Equal(new[] { "request 6 -> 2", "release 2" }, engine.NodeEvents);
        Assert.Equal(40, task.HashedFileCount);
        Manifests.Crc64Manifest manifest = Crc64ManifestReader.Read(folder.Manifest);
        Assert.All(files, f => Assert.Equal(Crc64Xz.Hash(File.ReadAllBytes(f)), manifest.Find(Path.GetFileName(f))!.Crc64));

        // A no-op build takes everything from the cache: nothing to hash, no cores asked for.
        var (again, second) = BuildTask(folder, true, files);
        Assert.True(again.Execute());
        Assert.Equal(0, again.HashedFileCount);
        Assert.Empty(second.NodeEvents);
    }

    [Fact]
    public void OneSmallFileIsHashedWithoutAskingForCores()
    {
        using var folder = new TaskFolder();
        string a = folder.Write("bin/a.dll", "a");
        var (task, engine) = BuildTask(folder, true, a);
        Assert.True(task.Execute());
        Assert.Empty(engine.NodeEvents);
    }

    [Fact]
    public void MissingConfigurationIsCrc1008()
    {
        var engine = new FakeBuildEngine();
        var task = new WriteCrc64Manifest { BuildEngine = engine, RootDirectory = "", ManifestPath = "" };
        Assert.False(task.Execute());
        Assert.Equal("CRC1008", Assert.Single(engine.Errors).Code);
    }
}
