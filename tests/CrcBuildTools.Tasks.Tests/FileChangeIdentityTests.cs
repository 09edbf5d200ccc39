using System;
using System.IO;
using System.Threading;
using CrcBuildTools.TestSupport;
using Xunit;

namespace CrcBuildTools.Tasks.Tests;

/// <summary>
/// The hash cache's guard against stale CRCs, through the one abstraction every platform implements
/// (<see cref="FileChangeIdentity.Current"/>: statx on Linux, stat on macOS, GetFileInformationByHandleEx on Windows).
/// The same tests run on whichever platform the suite runs on; CI runs them on Linux.
/// </summary>
public sealed class FileChangeIdentityTests : IDisposable
{
    private readonly TempFolder _folder = new("change-identity");

    [Fact]
    public void TheSupportedPlatformsHaveTheirOwnSource()
    {
        string expected = OperatingSystem.IsLinux() ? "statx" : OperatingSystem.IsMacOS() ? "stat" : OperatingSystem.IsWindows() ? "GetFileInformationByHandleEx" : "none";
        Assert.Equal(expected, FileChangeIdentity.Current.Source);
    }

    [IdentityFact]
    public void AnOverwriteInPlaceMovesTheChangeStampEvenWithTheLastWriteTimeSetBack()
    {
        string file = _folder.Write("app.dll", new byte[] { 1, 2, 3, 4 });
        DateTime pinned = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(file, pinned);
        (long change, long id) before = Read(file);
        FileStamp? stampBefore = FileStamp.Of(file);

        PassTheClockGranularity();
        File.WriteAllBytes(file, new byte[] { 4, 3, 2, 1 });
        File.SetLastWriteTimeUtc(file, pinned);
        (long change, long id) after = Read(file);

        Assert.Equal(before.id, after.id);
        Assert.True(after.change > before.change, $"change stamp {before.change} -> {after.change}");
        FileStamp? stampAfter = FileStamp.Of(file);
        Assert.Equal(stampBefore!.Value.Length, stampAfter!.Value.Length);
        Assert.Equal(stampBefore.Value.LastWriteTicks, stampAfter.Value.LastWriteTicks);
        Assert.NotEqual(stampBefore, stampAfter);
    }

    [IdentityFact]
    public void AFileMovedOverTheOldOneIsADifferentFile()
    {
        string file = _folder.Write("data.bin", new byte[] { 9, 9 });
        string replacement = _folder.Write("incoming.tmp", new byte[] { 8, 8 });
        File.SetLastWriteTimeUtc(file, new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        File.SetLastWriteTimeUtc(replacement, new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        (long _, long id) before = Read(file);

        File.Move(replacement, file, overwrite: true);

        Assert.NotEqual(before.id, Read(file).Id);
    }

    [IdentityFact]
    public void ARenameKeepsTheFileIdAndAnUntouchedFileKeepsEverything()
    {
        string file = _folder.Write("a.txt", new byte[] { 1 });
        (long change, long id) first = Read(file);
        Assert.Equal(first, Read(file));

        string renamed = _folder.PathOf("b.txt");
        File.Move(file, renamed);

        Assert.Equal(first.id, Read(renamed).Id);
    }

    [Fact]
    public void AMissingFileHasNoIdentity()
    {
        Assert.False(FileChangeIdentity.Current.TryRead(_folder.PathOf("missing.bin"), out long change, out long id));
        Assert.Equal((0, 0), (change, id));
    }

    public void Dispose() => _folder.Dispose();

    private static (long Change, long Id) Read(string file)
    {
        Assert.True(FileChangeIdentity.Current.TryRead(file, out long change, out long id), $"{FileChangeIdentity.Current.Source} could not read {file}.");
        return (change, id);
    }

    // Change times come from the kernel's coarse clock (a timer tick, up to ~10 ms; 100 ns units on Windows but
    // updated at the same tick): two writes inside one tick may share it.
    private static void PassTheClockGranularity() => Thread.Sleep(50);
}

/// <summary>A fact that needs a platform change identity: reported skipped, with the reason, where there is none.</summary>
public sealed class IdentityFactAttribute : FactAttribute
{
    public IdentityFactAttribute()
    {
        if (FileChangeIdentity.Current.Source == "none")
        {
            Skip = "This platform has no file change identity; the hash cache falls back to the creation time here.";
        }
    }
}
