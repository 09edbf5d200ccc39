using System;
using System.Linq;
using System.Threading.Tasks;
using CrcBuildTools.Emulator;
using Xunit;

namespace CrcBuildTools.ObjectStorage.Tests;

/// <summary>
/// Each fault at each stage, once (must recover and verify) and persistently (must fail with the right code). In
/// every case: no orphaned multipart upload, the manifest only when everything verified, and no secret in any
/// message. The emulator's fault counter proves each fault really fired.
/// </summary>
public sealed class FaultMatrixTests
{
    private const string Recovered = "";

    /// <summary>Expected outcome per (fault, stage): once, persistent. "" means recovered and verified.</summary>
    private static (string Once, string Persistent)? Expectation(FaultKind kind, FaultStage stage) => (kind, stage) switch
    {
        (FaultKind.CorruptStoredBody or FaultKind.WrongCrcHeader, FaultStage.Put) => (Recovered, StorageErrorCodes.ObjectCrcMismatch),
        (FaultKind.CorruptStoredBody or FaultKind.WrongCrcHeader, FaultStage.Part) => (Recovered, StorageErrorCodes.PartCrcMismatch),
        (FaultKind.CorruptStoredBody or FaultKind.WrongCrcHeader, FaultStage.Complete) => (Recovered, StorageErrorCodes.CompleteCrcMismatch),

        // No header is never "verified": a PUT or part without one fails at once (retrying would not add it)...
        (FaultKind.MissingCrcHeader, FaultStage.Put or FaultStage.Part) => (StorageErrorCodes.MissingServerChecksum, StorageErrorCodes.MissingServerChecksum),

        // ...while a Complete without one is verified by HEAD, the second witness.
        (FaultKind.MissingCrcHeader, FaultStage.Complete) => (Recovered, Recovered),

        (FaultKind.InternalError or FaultKind.SlowDown or FaultKind.ConnectionReset or FaultKind.SlowAnswer, _) =>
            (Recovered, StorageErrorCodes.TransientFailuresExhausted),
        (FaultKind.CompleteReturnsError, FaultStage.Complete) => (Recovered, StorageErrorCodes.CompleteReturnedError),

        // The object was completed and only the answer lost: HEAD proves it, however often it happens.
        (FaultKind.CompleteAnswerLost, FaultStage.Complete) => (Recovered, Recovered),
        _ => null,
    };

    public static TheoryData<StorageProvider, FaultKind, FaultStage, bool> Cases()
    {
        var data = new TheoryData<StorageProvider, FaultKind, FaultStage, bool>();
        foreach (StorageProvider provider in new[] { StorageProvider.Cos, StorageProvider.Oss })
        {
            foreach (FaultKind kind in Enum.GetValues<FaultKind>())
            {
                foreach (FaultStage stage in new[] { FaultStage.Put, FaultStage.Part, FaultStage.Complete })
                {
                    // The 200-with-Error Complete is a COS behaviour; OSS reports errors with a status code.
                    bool applies = Expectation(kind, stage) is not null &&
                                   (kind != FaultKind.CompleteReturnsError || provider == StorageProvider.Cos);
                    if (applies)
                    {
                        data.Add(provider, kind, stage, false);
                        data.Add(provider, kind, stage, true);
                    }
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Fault_is_recovered_or_fails_with_the_right_code(StorageProvider provider, FaultKind kind, FaultStage stage, bool persistent)
    {
        await using EmulatorHarness harness = await EmulatorHarness.StartAsync(provider, slowAnswer: TimeSpan.FromSeconds(3));
        harness.AddStandardRelease();
        int count = persistent ? 1000 : 1;
        harness.Server.Faults.Add(new FaultRule(kind, stage, count, PartNumber: stage == FaultStage.Part && !persistent ? 2 : null));
        string expected = persistent ? Expectation(kind, stage)!.Value.Persistent : Expectation(kind, stage)!.Value.Once;

        // Only the slow-answer cases need a short timeout: it is what turns a slow answer into a retry.
        ObjectStorageOptions options = harness.Options(o => kind == FaultKind.SlowAnswer ? o.WithRequestTimeout(TimeSpan.FromSeconds(1)) : o);
        ObjectStorageException? error = null;
        try
        {
            await harness.UploadAsync(options);
        }
        catch (ObjectStorageException e)
        {
            error = e;
        }

        Assert.True(harness.Server.Faults.Remaining < count, "the fault never fired");
        harness.AssertNoOrphanedUploads();
        harness.AssertNoSecretIn(error is null ? Array.Empty<string>() : new[] { error.ToString() });
        if (expected == Recovered)
        {
            Assert.Null(error);
            harness.AssertAllFilesStored();
            Assert.True(harness.ManifestUploaded);
            return;
        }

        Assert.NotNull(error);
        Assert.Equal(expected, error!.Code);
        Assert.False(harness.ManifestUploaded, "the manifest must not appear unless every file verified");
        Assert.NotNull(error.ObjectKey);
        Assert.DoesNotContain(expected, error.Message, StringComparison.Ordinal); // the code is a property, not part of the text
        if (expected is StorageErrorCodes.ObjectCrcMismatch or StorageErrorCodes.PartCrcMismatch or StorageErrorCodes.CompleteCrcMismatch)
        {
            Assert.NotNull(error.FilePath);
            Assert.NotNull(error.LocalCrc);
            Assert.NotNull(error.RemoteCrc);
            Assert.NotEqual(error.LocalCrc, error.RemoteCrc);
            Assert.NotNull(error.RequestId);
        }

        if (expected == StorageErrorCodes.TransientFailuresExhausted && kind is FaultKind.InternalError or FaultKind.SlowDown)
        {
            Assert.Equal(kind == FaultKind.SlowDown ? "SlowDown" : "InternalError", error.ServiceErrorCode);
            Assert.NotNull(error.RequestId);
        }
    }

    [Theory]
    [InlineData(FaultStage.Put)]
    [InlineData(FaultStage.Part)]
    public async Task A_missing_header_is_only_a_warning_when_not_required_and_the_file_counts_as_unverified(FaultStage stage)
    {
        await using EmulatorHarness harness = await EmulatorHarness.StartAsync(StorageProvider.Oss);
        harness.AddStandardRelease();
        // Aimed at a file: the PUT of the multipart file's unfinished-upload mark must not take the fault instead.
        harness.Server.Faults.Add(new FaultRule(FaultKind.MissingCrcHeader, stage, Count: 1, Key: stage == FaultStage.Put ? EmulatorHarness.Prefix + "app.dll" : null));

        UploadSummary summary = await harness.UploadAsync(harness.Options(o => o.WithRequireServerChecksum(false)));

        Assert.Contains(StorageErrorCodes.MissingServerChecksum, harness.Observer.Warnings);
        harness.AssertAllFilesStored();
        Assert.Equal(stage == FaultStage.Put ? 1 : 0, summary.UnverifiedFiles);
        Assert.Contains("NOT verified", string.Join("\n", harness.Observer.Messages), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Retries_are_reported_with_their_reason()
    {
        await using EmulatorHarness harness = await EmulatorHarness.StartAsync(StorageProvider.Cos);
        harness.AddStandardRelease();
        harness.Server.Faults.Add(new FaultRule(FaultKind.SlowDown, FaultStage.Part, 1, PartNumber: 1));
        harness.Server.Faults.Add(new FaultRule(FaultKind.WrongCrcHeader, FaultStage.Part, 1, PartNumber: 3));

        await harness.UploadAsync();

        Assert.Contains(harness.Observer.Retries, r => r.Operation == "part 1" && r.Reason.Contains("503 SlowDown", StringComparison.Ordinal));
        Assert.Contains(harness.Observer.Retries, r => r.Operation == "part 3" && r.Reason.Contains("CRC-64 mismatch", StringComparison.Ordinal));
        Assert.Equal(2, harness.Observer.Retries.Count);
    }
}
