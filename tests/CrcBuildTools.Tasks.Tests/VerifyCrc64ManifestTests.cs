using System;
using System.IO;
using System.Linq;
using CrcBuildTools.TestSupport;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using Xunit;

namespace CrcBuildTools.Tasks.Tests;

public sealed class VerifyCrc64ManifestTests
{
    private static void WriteManifest(TaskFolder folder, params string[] files)
    {
        var task = new WriteCrc64Manifest
        {
            BuildEngine = new FakeBuildEngine(),
            Files = files.Select(f => (ITaskItem)new TaskItem(f)).ToArray(),
            RootDirectory = folder.Bin,
            ManifestPath = folder.Manifest,
        };
        Assert.True(task.Execute());
    }

    private static (VerifyCrc64Manifest Task, FakeBuildEngine Engine) Verify(string manifest, string? folder = null)
    {
        var engine = new FakeBuildEngine();
        return (new VerifyCrc64Manifest { BuildEngine = engine, ManifestPath = manifest, Folder = folder }, engine);
    }

    [Fact]
    public void UntouchedFolderPassesAndTheManifestItselfIsNotExtra()
    {
        using var folder = new TaskFolder();
        WriteManifest(folder, folder.Write("bin/a.dll", "a"), folder.Write("bin/sub/b.dll", "b"));
        var (task, engine) = Verify(folder.Manifest);
        Assert.True(task.Execute(), string.Join("\n", engine.Errors.Select(e => e.Message)));
        Assert.Equal(2, task.VerifiedFileCount);
        Assert.Equal(0, task.ProblemCount);
    }

    [Fact]
    public void TamperedMissingAndExtraFilesAreEachAnError()
    {
        using var folder = new TaskFolder();
        WriteManifest(folder, folder.Write("bin/a.dll", "aaaa"), folder.Write("bin/b.dll", "b"), folder.Write("bin/c.dll", "c"));
        folder.Write("bin/a.dll", "aaab");
        File.Delete(Path.Combine(folder.Bin, "b.dll"));
        folder.Write("bin/d.dll", "extra");

        var (task, engine) = Verify(folder.Manifest, folder.Bin);

        Assert.False(task.Execute());
        Assert.Equal(3, task.ProblemCount);
        Assert.Equal(1, task.VerifiedFileCount);
        Assert.Equal(new[] { "CRC1006", "CRC1005", "CRC1007" }, engine.Errors.Select(e => e.Code));
        Assert.Equal(Path.Combine(folder.Bin, "d.dll"), engine.Errors[2].File);
    }

    [Fact]
    public void ExtraFilesCanBeAllowed()
    {
        using var folder = new TaskFolder();
        WriteManifest(folder, folder.Write("bin/a.dll", "a"));
        folder.Write("bin/log.txt", "x");
        var (task, _) = Verify(folder.Manifest);
        task.AllowExtraFiles = true;
        Assert.True(task.Execute());
    }

    [Fact]
    public void MalformedManifestIsCrc1004WithLineAndColumn()
    {
        using var folder = new TaskFolder();
        string manifest = folder.Write("bin/app.crc64.json", "{\n  \"schema\": \"https://crcbuildtools/manifest/v1\",\n  \"algorithm\": \"CRC-64/XZ\",\n  \"files\": [,]\n}\n");
        var (task, engine) = Verify(manifest);
        Assert.False(task.Execute());
        BuildErrorEventArgs error = Assert.Single(engine.Errors);
        Assert.Equal("CRC1004", error.Code);
        Assert.Equal((manifest, 4, 13), (error.File, error.LineNumber, error.ColumnNumber));
    }

    [Fact]
    public void MissingManifestIsCrc1009AndNoManifestPropertyIsCrc1008()
    {
        using var folder = new TaskFolder();
        var (task, engine) = Verify(Path.Combine(folder.Bin, "nope.crc64.json"));
        Assert.False(task.Execute());
        Assert.Equal("CRC1009", Assert.Single(engine.Errors).Code);

        var (empty, emptyEngine) = Verify(" ");
        Assert.False(empty.Execute());
        Assert.Equal("CRC1008", Assert.Single(emptyEngine.Errors).Code);
    }
}
