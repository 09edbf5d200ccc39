using System;
using System.Collections.Generic;
using System.IO;
using System.Threading.Tasks;
using CrcBuildTools.Emulator;
using Xunit;

namespace CrcBuildTools.ObjectStorage.Tests;

/// <summary>
/// Each download fault at each place a download meets the service (the whole GET of a small file, the ranged GETs
/// and the HEAD of a large one), on both providers, once and persistently. Every case ends either recovered and
/// verified (DEST is exactly the release) or failed with the right CRC4xxx code (DEST byte for byte what it was);
/// no secret appears in any message. The emulator's fault counter proves each fault fired.
/// </summary>
public sealed class DownloadFaultMatrixTests
{
    private const string Recovered = "";
    private const string SmallFile = "app.dll";
    private const string LargeFile = "data/big.bin";

    public enum Target
    {
        WholeGet,
        RangedGet,
        Head,
    }

    /// <summary>Expected outcome per (fault, target): once, persistent. "" means recovered and verified.</summary>
    private static (string Once, string Persistent)? Expectation(FaultKind kind, Target target) => (kind, target) switch
    {
        // A header that disagrees with the manifest is retried (it may be a bad answer); if it persists, the bucket holds another object.
        (FaultKind.WrongCrcHeader, _) => (Recovered, DownloadErrorCodes.CrcHeaderDiffers),

        // No header is reported, never "verified by it": the file passes on the manifest alone.
        (FaultKind.MissingCrcHeader, _) => (Recovered, Recovered),
        (FaultKind.InternalError or FaultKind.SlowDown or FaultKind.ConnectionReset or FaultKind.SlowAnswer, _) =>
            (Recovered, DownloadErrorCodes.TransientFailuresExhausted),
        (FaultKind.CorruptResponseBody, Target.WholeGet or Target.RangedGet) => (Recovered, DownloadErrorCodes.ContentMismatch),
        (FaultKind.TruncatedBody or FaultKind.StalledBody, Target.WholeGet or Target.RangedGet) =>
            (Recovered, DownloadErrorCodes.TransientFailuresExhausted),

        // Replaced for good (other bytes, same length): whatever request meets it, the release no longer matches the bucket.
        (FaultKind.ObjectReplaced, _) => (DownloadErrorCodes.CrcHeaderDiffers, ""),
        _ => null,
    };

    public static TheoryData<StorageProvider, FaultKind, Target, bool> Cases()
    {
        var data = new TheoryData<StorageProvider, FaultKind, Target, bool>();
        foreach (StorageProvider provider in new[] { StorageProvider.Cos, StorageProvider.Oss })
        {
            foreach (FaultKind kind in Enum.GetValues<FaultKind>())
            {
                foreach (Target target in Enum.GetValues<Target>())
                {
                    if (Expectation(kind, target) is not null)
                    {
                        data.Add(provider, kind, target, false);

                        // A replacement is one event; the emulator's repeated one flips the bytes back and forth.
                        if (kind != FaultKind.ObjectReplaced)
                        {
                            data.Add(provider, kind, target, true);
                        }
                    }
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Fault_is_recovered_and_verified_or_fails_with_its_code_and_dest_unchanged(StorageProvider provider, FaultKind kind, Target target, bool persistent)
    {
        await using DownloadHarness harness = await DownloadHarness.StartAsync(provider, slowAnswer: TimeSpan.FromSeconds(3));
        harness.AddStandardRelease();
        harness.Publish();

        // DEST already holds an older copy of one file, the current copy of another, and a file of the user's.
        Directory.CreateDirectory(Path.Combine(harness.Destination, "data", "nested"));
        File.WriteAllBytes(Path.Combine(harness.Destination, "app.dll"), DownloadHarness.Bytes(5000, 99));
        File.WriteAllBytes(Path.Combine(harness.Destination, "data", "nested", "config.json"), harness.Files["data/nested/config.json"]);
        File.WriteAllText(Path.Combine(harness.Destination, "user.txt"), "mine");
        SortedDictionary<string, string> before = harness.Snapshot();

        int count = persistent ? 1000 : 1;
        FaultStage stage = target == Target.Head ? FaultStage.Head : FaultStage.Get;
        string key = DownloadHarness.Prefix + (target == Target.WholeGet ? SmallFile : LargeFile);
        harness.Server.Faults.Add(new FaultRule(kind, stage, count, Key: key));
        string expected = persistent ? Expectation(kind, target)!.Value.Persistent : Expectation(kind, target)!.Value.Once;

        // Only the slow cases need a short timeout: it is what turns a slow answer into a retry.
        bool slow = kind is FaultKind.SlowAnswer or FaultKind.StalledBody;
        ReleaseSource source = harness.Source(options: harness.SourceOptions(timeout: slow ? TimeSpan.FromSeconds(1) : null));
        ObjectStorageException? error = null;
        DownloadSummary? summary = null;
        try
        {
            summary = await harness.DownloadAsync(source);
        }
        catch (ObjectStorageException e)
        {
            error = e;
        }

        Assert.True(harness.Server.Faults.Remaining < count, "the fault never fired");
        harness.AssertNoSecretIn(error is null ? Array.Empty<string>() : new[] { error.ToString() });
        if (expected == Recovered)
        {
            Assert.Null(error);
            harness.AssertDestinationIsRelease("user.txt");
            Assert.Equal("mine", File.ReadAllText(Path.Combine(harness.Destination, "user.txt")));
            Assert.Equal(1, summary!.FilesKept);
            // A ranged file's header state is its HEAD's; a range's own header (the whole object's CRC) is only a cross-check.
            if (kind == FaultKind.MissingCrcHeader && target != Target.RangedGet)
            {
                Assert.Contains(DownloadErrorCodes.NoCrcHeader, harness.Observer.Warnings);
            }

            return;
        }

        Assert.NotNull(error);
        Assert.Equal(expected, error!.Code);
        Assert.DoesNotContain(expected, error.Message, StringComparison.Ordinal); // the code is a property, not part of the text
        Assert.Equal(key, error.ObjectKey);
        Assert.Equal(before, harness.Snapshot());
        if (expected is DownloadErrorCodes.CrcHeaderDiffers or DownloadErrorCodes.ContentMismatch)
        {
            Assert.NotNull(error.LocalCrc);
            Assert.NotNull(error.RemoteCrc);
            Assert.NotEqual(error.LocalCrc, error.RemoteCrc);
        }
    }
}
