using System;
using System.IO;
using System.Linq;
using CrcBuildTools.Generator;
using CrcBuildTools.Hashing;
using CrcBuildTools.Tasks;
using CrcBuildTools.TestSupport;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace CrcBuildTools.Tasks.Tests;

/// <summary>The MSBuild side of the hand-over: what the task writes is what the generator reads.</summary>
public sealed class ComputeEmbeddedResourceChecksumsTests : IDisposable
{
    private readonly TempFolder _temp = new("resources");

    private string DirectoryPath => _temp.Path;

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Records_each_resource_under_its_compiler_name_with_its_crc_and_length()
    {
        var logo = WriteFile("Images/logo.png", Enumerable.Range(0, 70_000).Select(i => (byte)(i * 31)).ToArray());
        var json = WriteFile("data.json", "{\"a\":1}"u8.ToArray());
        var odd = WriteFile("tab\tname.txt", "x"u8.ToArray());
        var engine = new FakeBuildEngine();
        var task = NewTask(engine,
            Item(logo, logicalName: "App.Images.logo.png"),
            Item(json, logicalName: null),
            Item(odd, logicalName: "Custom/Odd\u2028Name\u0085\u2029\u007F.txt"));

        Assert.True(task.Execute(), string.Join("; ", engine.Errors.Select(e => e.Message)));

        var parsed = Parse(task.ChecksumFile);
        Assert.Empty(parsed.Diagnostics);
        Assert.Equal(
            new[]
            {
                new ResourceEntry("App.Images.logo.png", 70_000, Crc64Xz.Hash(File.ReadAllBytes(logo))),
                new ResourceEntry("Custom/Odd\u2028Name\u0085\u2029\u007F.txt", 1, Crc64Xz.Hash("x"u8)),
                new ResourceEntry("data.json", 7, Crc64Xz.Hash(File.ReadAllBytes(json))),
            },
            parsed.Resources.ToArray());
    }

    [Theory]
    [InlineData("Folder\\logo.png", "'\\'")]
    [InlineData("tab\tname.txt", "U+0009")]
    [InlineData("line\nbreak.txt", "U+000A")]
    [InlineData("escape\u001b.txt", "U+001B")]
    [InlineData("quote\", comma", "'\"'")]
    public void A_name_the_compiler_would_change_is_CRC2104_and_nothing_is_recorded(string logicalName, string why)
    {
        var file = WriteFile("a.txt", "a"u8.ToArray());
        var good = WriteFile("b.txt", "b"u8.ToArray());
        var engine = new FakeBuildEngine();
        var task = NewTask(engine, Item(good, "Good.txt"), Item(file, logicalName));

        Assert.False(task.Execute());

        var error = Assert.Single(engine.Errors);
        Assert.Equal("CRC2104", error.Code);
        Assert.Contains(why, error.Message, StringComparison.Ordinal);
        Assert.Contains("LogicalName", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
        Assert.False(File.Exists(task.ChecksumFile));
    }

    [Fact]
    public void Unchanged_inputs_leave_the_file_untouched_and_an_edit_rewrites_it()
    {
        var json = WriteFile("data.json", "{\"a\":1}"u8.ToArray());
        var first = NewTask(new FakeBuildEngine(), Item(json, null));
        Assert.True(first.Execute());
        Assert.True(first.ChecksumFileChanged);
        var stamp = File.GetLastWriteTimeUtc(first.ChecksumFile);

        var second = NewTask(new FakeBuildEngine(), Item(json, null));
        Assert.True(second.Execute());
        Assert.False(second.ChecksumFileChanged);
        Assert.Equal(stamp, File.GetLastWriteTimeUtc(second.ChecksumFile));

        File.WriteAllBytes(json, "{\"a\":22}"u8.ToArray());
        var third = NewTask(new FakeBuildEngine(), Item(json, null));
        Assert.True(third.Execute());
        Assert.True(third.ChecksumFileChanged);
        Assert.Equal(Crc64Xz.Hash("{\"a\":22}"u8), Parse(third.ChecksumFile).Resources.Single().Crc64);
    }

    [Fact]
    public void No_resources_still_writes_a_valid_empty_list()
    {
        var task = NewTask(new FakeBuildEngine());

        Assert.True(task.Execute());
        var parsed = Parse(task.ChecksumFile);
        Assert.Empty(parsed.Diagnostics);
        Assert.Equal(0, parsed.Resources.Length);
    }

    [Fact]
    public void Missing_file_fails_with_CRC2101_unless_design_time()
    {
        string missing = Path.Combine(DirectoryPath, "gone.resources");
        var engine = new FakeBuildEngine();
        var task = NewTask(engine, Item(missing, "App.gone.resources"));

        Assert.False(task.Execute());
        var error = Assert.Single(engine.Errors);
        Assert.Equal("CRC2101", error.Code);
        Assert.Contains("App.gone.resources", error.Message, StringComparison.Ordinal);

        var designTime = NewTask(new FakeBuildEngine(), Item(missing, "App.gone.resources"));
        designTime.AllowMissingResources = true;
        Assert.True(designTime.Execute());
        Assert.Equal(0, Parse(designTime.ChecksumFile).Resources.Length);
    }

    [Fact]
    public void Two_resources_with_one_name_fail_with_CRC2102()
    {
        var a = WriteFile("a.txt", "a"u8.ToArray());
        var b = WriteFile("b.txt", "b"u8.ToArray());
        var engine = new FakeBuildEngine();

        Assert.False(NewTask(engine, Item(a, "Same"), Item(b, "Same")).Execute());
        Assert.Equal("CRC2102", Assert.Single(engine.Errors).Code);
    }

    [Fact]
    public void An_unwritable_checksum_file_is_a_coded_error_and_an_unwritable_cache_is_not()
    {
        var json = WriteFile("data.json", "{\"a\":1}"u8.ToArray());
        var blocker = WriteFile("blocker", "a file where a folder is needed"u8.ToArray());

        var engine = new FakeBuildEngine();
        var task = NewTask(engine, Item(json, null));
        task.ChecksumFile = Path.Combine(blocker, "App.crc64resources.txt");
        Assert.False(task.Execute());
        var error = Assert.Single(engine.Errors);
        // Its own code, not the manifest's CRC1003 "manifest not writable".
        Assert.Equal("CRC2105", error.Code);
        Assert.Contains("checksum file", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("manifest", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Crc64EmbeddedIntegrity=false", error.Message, StringComparison.Ordinal);

        var cacheEngine = new FakeBuildEngine();
        var cacheTask = NewTask(cacheEngine, Item(json, null));
        cacheTask.CacheFile = Path.Combine(blocker, "App.crc64resources.cache");
        Assert.True(cacheTask.Execute(), string.Join("; ", cacheEngine.Errors.Select(e => e.Message)));
        Assert.Empty(cacheEngine.Errors);
        Assert.Empty(cacheEngine.Warnings);
        Assert.Contains(cacheEngine.Messages, m => m.Message!.Contains("cannot write the hash cache", StringComparison.Ordinal) &&
            !m.Message.Contains("CRC1003", StringComparison.Ordinal) && !m.Message.Contains("manifest", StringComparison.OrdinalIgnoreCase));
    }

    private ComputeEmbeddedResourceChecksums NewTask(IBuildEngine engine, params ITaskItem[] resources) => new()
    {
        BuildEngine = engine,
        Resources = resources,
        ChecksumFile = Path.Combine(DirectoryPath, "obj", "App.crc64resources.txt"),
        CacheFile = Path.Combine(DirectoryPath, "obj", "App.crc64resources.cache"),
    };

    private static ITaskItem Item(string path, string? logicalName)
    {
        var item = new TaskItem(path);
        if (logicalName is not null)
        {
            item.SetMetadata("LogicalName", logicalName);
        }

        return item;
    }

    private string WriteFile(string relativePath, byte[] content)
    {
        string path = Path.Combine(DirectoryPath, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, content);
        return path;
    }

    private static ChecksumInput Parse(string path) => ChecksumInputParser.Parse(path, SourceText.From(File.ReadAllText(path)));
}
