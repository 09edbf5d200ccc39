using System;
using System.Collections.Generic;
using System.IO;
using CrcBuildTools.Hashing;
using CrcBuildTools.Manifests;
using CrcBuildTools.TestSupport;
using Microsoft.Build.Framework;
using Xunit;

namespace CrcBuildTools.Tasks.Tests;

/// <summary>
/// A file that is written to while the manifest task hashes it is never recorded with the CRC of a part of it: written
/// once, it is hashed again and recorded as it finally is; written on every pass, the build fails with CRC1015 naming
/// it, and no manifest is written. The engine's test seam writes at an exact point of the read.
/// </summary>
public sealed class FileChangedWhileHashedTests : IDisposable
{
    public void Dispose() => Crc64XzFileHasher.AfterEachRead.Value = null;

    [Fact]
    public void Written_to_on_every_pass_it_fails_with_CRC1015_and_no_manifest_is_written()
    {
        using var folder = new TaskFolder();
        string busy = folder.Write("bin/busy.log", new string('x', 200_000));
        var passes = new HashSet<int>();
        Crc64XzFileHasher.AfterEachRead.Value = attempt =>
        {
            lock (passes)
            {
                if (passes.Add(attempt))
                {
                    File.AppendAllText(busy, "a line a log writer added");
                }
            }
        };

        var (task, engine) = folder.ManifestTask(buildMode: false, null, busy);

        Assert.False(task.Execute());
        BuildErrorEventArgs error = Assert.Single(engine.Errors);
        Assert.Equal(Crc64ErrorCodes.FileChangedWhileHashed, error.Code);
        Assert.Equal(busy, error.File);
        Assert.Contains("busy.log", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(folder.Manifest));
    }

    [Fact]
    public void Written_to_once_it_is_hashed_again_and_recorded_as_it_finally_is()
    {
        using var folder = new TaskFolder();
        string growing = folder.Write("bin/growing.log", new string('y', 200_000));
        bool appended = false;
        Crc64XzFileHasher.AfterEachRead.Value = attempt =>
        {
            if (attempt == 1 && !appended)
            {
                appended = true;
                File.AppendAllText(growing, "appended while the first pass was reading");
            }
        };

        var (task, engine) = folder.ManifestTask(buildMode: false, null, growing);
        Assert.True(task.Execute(), string.Join("\n", engine.Everything));
        Crc64XzFileHasher.AfterEachRead.Value = null;

        Assert.True(appended);
        byte[] final = File.ReadAllBytes(growing);
        Crc64ManifestEntry entry = Crc64ManifestReader.Read(folder.Manifest).Find("growing.log")!;
        Assert.Equal(final.Length, entry.Length);
        Assert.Equal(Crc64Xz.Hash(final), entry.Crc64);

        // Its stamp from before the write is not trusted for the bytes after it: the next build reads it again.
        var (again, _) = folder.ManifestTask(buildMode: false, null, growing);
        Assert.True(again.Execute());
        Assert.Equal(1, again.HashedFileCount);
    }
}
