using System;
using System.IO;
using System.Linq;
using CrcBuildTools.Manifests;
using CrcBuildTools.TestSupport;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using Xunit;

namespace CrcBuildTools.Tasks.Tests;

/// <summary>
/// The manifest tasks against settings and folders that would make them write outside the output, overwrite a build
/// output, read through links out of the folder, wait on a pipe, or take absurd numbers. Each is refused with its
/// code before anything is written.
/// </summary>
public sealed class HostileManifestTaskTests
{
    private static (WriteCrc64Manifest Task, FakeBuildEngine Engine) Writer(TaskFolder folder, string manifestPath, params string[] files) =>
        folder.ManifestTask(buildMode: true, manifestPath, files);

    [Theory]
    [InlineData("../../../Program.cs")]
    [InlineData("../obj/project.assets.json")]
    [InlineData("sub/app.crc64.json")]
    [InlineData("sub/../app.crc64.json")]
    [InlineData("/tmp/absolute-crc64-manifest-name.json")]
    [InlineData("..")]
    [InlineData(".")]
    [InlineData(" ")]
    [InlineData("app.crc64.json.")]
    [InlineData("CON")]
    [InlineData("nul.json")]
    [InlineData("a:b.json")]
    [InlineData("a|b.json")]
    [InlineData("tab\there.json")]
    [InlineData("back\\slash.json")]
    public void A_manifest_name_that_is_not_a_plain_file_name_is_CRC1011_and_nothing_is_written(string name)
    {
        using var folder = new TaskFolder();
        string source = folder.Write("Program.cs", "class Program { }");
        string assets = folder.Write("obj/project.assets.json", "{}");
        string dll = folder.Write("bin/app.dll", "app");
        string[] before = Snapshot(folder.Root);

        var (task, engine) = Writer(folder, folder.Bin + name, dll);

        Assert.False(task.Execute());
        Assert.Equal(Crc64ErrorCodes.ManifestNameInvalid, Assert.Single(engine.Errors).Code);
        Assert.Contains("Crc64ManifestFileName must be a plain file name", engine.Errors[0].Message, StringComparison.Ordinal);
        Assert.Equal(before, Snapshot(folder.Root));
        Assert.Equal("class Program { }", File.ReadAllText(source));
        Assert.Equal("{}", File.ReadAllText(assets));
        Assert.False(File.Exists("/tmp/absolute-crc64-manifest-name.json"));
    }

    [Fact]
    public void A_manifest_name_that_names_a_build_output_is_CRC1012_and_the_output_is_untouched()
    {
        using var folder = new TaskFolder();
        string dll = folder.Write("bin/app1.dll", "the built assembly");
        string pdb = folder.Write("bin/app1.pdb", "symbols");

        var (task, engine) = Writer(folder, folder.Bin + "app1.dll", dll, pdb);

        Assert.False(task.Execute());
        BuildErrorEventArgs error = Assert.Single(engine.Errors);
        Assert.Equal(Crc64ErrorCodes.ManifestNameTaken, error.Code);
        Assert.Equal(Path.GetFullPath(dll), error.File);
        Assert.Equal("the built assembly", File.ReadAllText(dll));
    }

    [Fact]
    public void The_manifest_of_an_earlier_build_registered_as_an_output_is_not_an_error()
    {
        using var folder = new TaskFolder();
        string dll = folder.Write("bin/app.dll", "app");
        Assert.True(Writer(folder, folder.Manifest, dll).Task.Execute());

        // A project that adds its whole OutDir to FileWrites registers the previous manifest too.
        var (task, engine) = Writer(folder, folder.Manifest, dll, folder.Manifest);

        Assert.True(task.Execute(), string.Join("\n", engine.Errors.Select(e => e.Message)));
        Assert.Equal(new[] { "app.dll" }, Crc64ManifestReader.Read(folder.Manifest).Files.Select(f => f.Path));
    }

    [Fact]
    public void A_link_inside_the_output_is_listed_as_its_target_every_time_and_a_link_out_is_CRC1013()
    {
        using var folder = new TaskFolder();
        string real = folder.Write("bin/lib/real.dll", "real");
        string inside = SpecialFiles.Link(Path.Combine(folder.Bin, "alias.dll"), "lib/real.dll");
        var (task, engine) = Writer(folder, folder.Manifest, real, inside);
        Assert.True(task.Execute(), string.Join("\n", engine.Errors.Select(e => e.Message)));
        Crc64Manifest manifest = Crc64ManifestReader.Read(folder.Manifest);
        Assert.Equal(XzOracle.Crc64(real), manifest.Find("alias.dll")!.Crc64);
        Assert.Equal(manifest.Find("lib/real.dll")!.Crc64, manifest.Find("alias.dll")!.Crc64);

        // A link is never taken from the cache: retargeted, it is hashed again.
        (task, engine) = Writer(folder, folder.Manifest, real, inside);
        Assert.True(task.Execute());
        Assert.Equal(1, task.HashedFileCount);

        string outsideFile = folder.Write("obj/app.dll", "intermediate assembly");
        string outLink = SpecialFiles.Link(Path.Combine(folder.Bin, "app.dll"), outsideFile);
        (task, engine) = Writer(folder, folder.Manifest, real, outLink);
        Assert.False(task.Execute());
        BuildErrorEventArgs error = Assert.Single(engine.Errors);
        Assert.Equal(Crc64ErrorCodes.LinkLeavesFolder, error.Code);
        Assert.Contains("CreateSymbolicLinksForCopyFilesToOutputDirectoryIfPossible", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(XzOracle.Crc64(outsideFile).ToString(System.Globalization.CultureInfo.InvariantCulture), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pipe_registered_as_an_output_is_CRC1014_without_waiting_on_it()
    {
        using var folder = new TaskFolder();
        string fifo = SpecialFiles.MakeFifo(Path.Combine(folder.Bin, "app.log"));
        var (task, engine) = Writer(folder, folder.Manifest, fifo);

        Assert.False(SpecialFiles.WithinTime(TimeSpan.FromSeconds(60), task.Execute));

        Assert.Equal(Crc64ErrorCodes.NotARegularFile, Assert.Single(engine.Errors).Code);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("-5")]
    [InlineData("5000000")]
    [InlineData("1.5")]
    public void A_parallelism_out_of_range_is_CRC1008_in_both_tasks(string value)
    {
        using var folder = new TaskFolder();
        var (writer, writerEngine) = Writer(folder, folder.Manifest, folder.Write("bin/a.dll", "a"));
        writer.MaxDegreeOfParallelism = value;
        Assert.False(writer.Execute());
        Assert.Equal(Crc64ErrorCodes.BadConfiguration, Assert.Single(writerEngine.Errors).Code);
        Assert.Contains("Crc64ManifestParallelism", writerEngine.Errors[0].Message, StringComparison.Ordinal);

        var verifierEngine = new FakeBuildEngine();
        var verifier = new VerifyCrc64Manifest { BuildEngine = verifierEngine, ManifestPath = folder.Manifest, MaxDegreeOfParallelism = value };
        Assert.False(verifier.Execute());
        Assert.Equal(Crc64ErrorCodes.BadConfiguration, Assert.Single(verifierEngine.Errors).Code);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("bad\0path.json")]
    public void Verify_without_a_usable_manifest_path_is_CRC1008(string? manifestPath)
    {
        var engine = new FakeBuildEngine();
        var verifier = new VerifyCrc64Manifest { BuildEngine = engine, ManifestPath = manifestPath };

        Assert.False(verifier.Execute());

        Assert.Equal(Crc64ErrorCodes.BadConfiguration, Assert.Single(engine.Errors).Code);
    }

    private static string[] Snapshot(string root) =>
        Directory.EnumerateFileSystemEntries(root, "*", SearchOption.AllDirectories)
            .Select(p => p + "|" + (File.Exists(p) ? File.ReadAllText(p).Length : -1))
            .OrderBy(p => p, StringComparer.Ordinal)
            .ToArray();
}
