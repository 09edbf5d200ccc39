using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CrcBuildTools.Emulator;
using CrcBuildTools.Hashing;
using CrcBuildTools.ObjectStorage.Upload;
using Xunit;

namespace CrcBuildTools.ObjectStorage.Tests;

/// <summary>
/// Uploads that are interrupted: a Complete whose answer is lost, an Initiate that hangs when Ctrl+C comes, and the
/// multipart uploads a killed run leaves open, which the next run to the prefix must abort (only ours).
/// </summary>
public sealed class InterruptedUploadTests
{
    private const string BigKey = EmulatorHarness.Prefix + "data/big.bin";

    [Theory]
    [InlineData(StorageProvider.Cos)]
    [InlineData(StorageProvider.Oss)]
    public async Task A_complete_whose_answer_is_lost_is_proven_by_HEAD_and_the_upload_succeeds(StorageProvider provider)
    {
        await using EmulatorHarness harness = await EmulatorHarness.StartAsync(provider);
        harness.AddStandardRelease();
        harness.Server.Faults.Add(new FaultRule(FaultKind.CompleteAnswerLost, FaultStage.Complete, 1));

        await harness.UploadAsync();

        Assert.Equal(0, harness.Server.Faults.Remaining);
        var completes = harness.Server.Requests.Where(r => r.Stage == FaultStage.Complete).ToList();
        // Recorded as they end: the cut-off one (status 0) may end after its retry.
        Assert.Equal(new[] { 0, 404 }, completes.Select(r => r.Status).OrderBy(s => s));
        Assert.Equal("NoSuchUpload", completes.Single(r => r.Status == 404).ErrorCode);
        Assert.Contains(StorageErrorCodes.CompleteAnswerLostButVerified, harness.Observer.Notices);
        harness.AssertAllFilesStored();
        Assert.True(harness.ManifestUploaded);
        harness.AssertNoOrphanedUploads();
        AssertNoMarkLeft(harness);
    }

    [Fact]
    public async Task A_lost_complete_is_still_an_error_when_HEAD_shows_other_bytes_under_the_key()
    {
        await using EmulatorHarness harness = await EmulatorHarness.StartAsync(StorageProvider.Oss);
        harness.AddStandardRelease();
        harness.Server.Faults.Add(new FaultRule(FaultKind.CompleteAnswerLost, FaultStage.Complete, 1));

        // Somebody else writes the key between our lost Complete and the HEAD that would prove it.
        harness.Server.Faults.Add(new FaultRule(FaultKind.ObjectReplaced, FaultStage.Head, 1, Key: BigKey));
        var options = harness.Options(o => o.WithSkipUnchanged(false));

        var error = await Assert.ThrowsAsync<ObjectStorageException>(() => harness.UploadAsync(options));

        Assert.Equal(StorageErrorCodes.ServiceRejected, error.Code);
        Assert.Equal("NoSuchUpload", error.ServiceErrorCode);
        Assert.Equal(BigKey, error.ObjectKey);
        Assert.False(harness.ManifestUploaded);
        Assert.DoesNotContain(StorageErrorCodes.CompleteAnswerLostButVerified, harness.Observer.Notices);
    }

    [Theory]
    [InlineData(StorageProvider.Cos)]
    [InlineData(StorageProvider.Oss)]
    public async Task A_hanging_initiate_is_cut_off_within_seconds_of_cancellation(StorageProvider provider)
    {
        // The answer would take a minute, the request timeout is 30 s and there are 3 attempts: without the token
        // honoured, Ctrl+C would wait up to 90 s.
        await using EmulatorHarness harness = await EmulatorHarness.StartAsync(provider, slowAnswer: TimeSpan.FromSeconds(60));
        harness.AddFile("data/big.bin", harness.PartSize * 2 + 1, 3);
        harness.Server.Faults.Add(new FaultRule(FaultKind.SlowAnswer, FaultStage.Initiate, 100));
        var options = harness.Options(o => o.WithRequestTimeout(TimeSpan.FromSeconds(30)));
        using var cancellation = new CancellationTokenSource();

        Task upload = harness.UploadAsync(options, cancellationToken: cancellation.Token);
        await WaitUntilAsync(() => harness.Server.RequestsInFlight > 0 && harness.Server.Faults.Remaining < 100);
        var clock = Stopwatch.StartNew();
        cancellation.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => upload);

        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(5));
        Assert.Contains(StorageErrorCodes.InitiateCancelledUnanswered, harness.Observer.Warnings);
        Assert.False(harness.ManifestUploaded);
        await harness.WaitUntilQuietAsync();
        harness.AssertNoOrphanedUploads();
    }

    [Fact]
    public async Task An_initiate_that_answers_just_after_cancellation_is_aborted_not_left_open()
    {
        // The answer comes 1 s after the request, the cancellation at about 0.3 s: within the grace, so the id is
        // learnt and the upload it names is aborted.
        await using EmulatorHarness harness = await EmulatorHarness.StartAsync(StorageProvider.Oss, slowAnswer: TimeSpan.FromSeconds(1));
        harness.AddFile("data/big.bin", harness.PartSize * 2 + 1, 3);
        harness.Server.Faults.Add(new FaultRule(FaultKind.SlowAnswer, FaultStage.Initiate, 1));
        using var cancellation = new CancellationTokenSource();

        Task upload = harness.UploadAsync(cancellationToken: cancellation.Token);
        await WaitUntilAsync(() => harness.Server.Faults.Remaining == 0);
        await Task.Delay(300);
        cancellation.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => upload);

        Assert.Contains(harness.Server.Requests, r => r.Stage == FaultStage.Initiate && r.Status == 200);
        Assert.Contains(harness.Server.Requests, r => r.Stage == FaultStage.Abort && r.Status == 204);
        await harness.WaitUntilQuietAsync();
        harness.AssertNoOrphanedUploads();
        AssertNoMarkLeft(harness);
    }

    [Theory]
    [InlineData(StorageProvider.Cos)]
    [InlineData(StorageProvider.Oss)]
    public async Task A_multipart_upload_is_marked_while_open_and_the_mark_is_gone_after_complete(StorageProvider provider)
    {
        await using EmulatorHarness harness = await EmulatorHarness.StartAsync(provider, slowAnswer: TimeSpan.FromSeconds(1));
        harness.AddStandardRelease();
        harness.Server.Faults.Add(new FaultRule(FaultKind.SlowAnswer, FaultStage.Part, 1, PartNumber: 2));
        Task<UploadSummary> upload = harness.UploadAsync();

        await WaitUntilAsync(() => harness.Server.Store.Uploads.Count == 1 && Marks(harness).Length == 1);
        PendingUpload open = harness.Server.Store.Uploads.Single();
        UploadMarker mark = UploadMarker.TryParse(Marks(harness)[0].Bytes!)!;
        Assert.Equal(new UploadMarker(BigKey, open.UploadId, harness.PartSize * 2 + 12345, harness.PartSize, harness.Files.Single(f => f.RelativePath == "data/big.bin").Crc64), mark);
        Assert.Equal(UploadMarker.KeyFor(EmulatorHarness.Prefix, open.UploadId), Marks(harness)[0].Key);

        await upload;
        harness.AssertNoOrphanedUploads();
        AssertNoMarkLeft(harness);
    }

    [Theory]
    [InlineData(StorageProvider.Cos)]
    [InlineData(StorageProvider.Oss)]
    public async Task The_next_upload_aborts_what_a_killed_run_left_open_and_nobody_elses(StorageProvider provider)
    {
        await using EmulatorHarness harness = await EmulatorHarness.StartAsync(provider);
        harness.AddStandardRelease();

        // What a run killed after Initiate leaves: an open upload with two parts, and its mark.
        PendingUpload killed = harness.Server.Store.StartUpload(BigKey);
        killed.Parts[1] = new StoredPart(1, 3, 0, "\"e\"", new byte[3]);
        string killedMark = UploadMarker.KeyFor(EmulatorHarness.Prefix, killed.UploadId);
        harness.Server.Store.Put(killedMark, new UploadMarker(BigKey, killed.UploadId, 99, 3, null).ToBytes());

        // Somebody else's upload under the same prefix (no mark), and an object in the mark folder we did not write.
        PendingUpload foreign = harness.Server.Store.StartUpload(EmulatorHarness.Prefix + "other-tool.bin");
        string strange = EmulatorHarness.Prefix + UploadMarker.Folder + "notes.txt";
        harness.Server.Store.Put(strange, System.Text.Encoding.UTF8.GetBytes("key app/1.0.0/other-tool.bin\nupload-id " + foreign.UploadId + "\n"));

        await harness.UploadAsync();

        Assert.DoesNotContain(harness.Server.Store.Uploads, u => u.UploadId == killed.UploadId);
        Assert.Contains(harness.Server.Store.Uploads, u => u.UploadId == foreign.UploadId);
        Assert.Single(harness.Server.Store.Uploads);
        Assert.Null(harness.Server.Store.Get(killedMark));
        Assert.NotNull(harness.Server.Store.Get(strange));
        Assert.Contains(StorageErrorCodes.EarlierUploadAborted, harness.Observer.Notices);
        Assert.Contains(harness.Observer.Messages, m => m.Contains(killed.UploadId, StringComparison.Ordinal) && m.Contains(BigKey, StringComparison.Ordinal));
        Assert.Contains(StorageErrorCodes.UnfinishedUploadMarkerProblem, harness.Observer.Warnings);
        harness.AssertAllFilesStored();
        Assert.True(harness.ManifestUploaded);
    }

    [Theory]
    [InlineData(StorageProvider.Oss)]
    [InlineData(StorageProvider.Cos)]
    public async Task A_killed_runs_upload_of_the_same_file_is_continued_on_OSS_reusing_only_parts_whose_listed_CRC_matches_and_aborted_on_COS(StorageProvider provider)
    {
        await using EmulatorHarness harness = await EmulatorHarness.StartAsync(provider);
        harness.AddStandardRelease();
        UploadItem big = harness.Files.Single(f => f.RelativePath == "data/big.bin");
        byte[] bytes = File.ReadAllBytes(big.LocalPath);
        int size = (int)harness.PartSize;

        // The killed run got part 1 up intact; part 2 is listed with the CRC of other bytes, so it must be sent again.
        PendingUpload killed = harness.Server.Store.StartUpload(BigKey);
        killed.Parts[1] = StagedPart(1, bytes.AsSpan(0, size).ToArray());
        byte[] damaged = bytes.AsSpan(size, size).ToArray();
        damaged[7] ^= 0x10;
        killed.Parts[2] = StagedPart(2, damaged);
        harness.Server.Store.Put(UploadMarker.KeyFor(EmulatorHarness.Prefix, killed.UploadId),
            new UploadMarker(BigKey, killed.UploadId, big.Length!.Value, harness.PartSize, big.Crc64).ToBytes());

        await harness.UploadAsync();

        var bigRequests = harness.Server.Requests.Where(r => r.Key == BigKey).ToList();
        var partsSent = bigRequests.Where(r => r.Stage == FaultStage.Part).Select(r => r.PartNumber!.Value).OrderBy(n => n).ToList();
        if (provider == StorageProvider.Oss)
        {
            Assert.Equal(new[] { 2, 3 }, partsSent);
            Assert.DoesNotContain(bigRequests, r => r.Stage == FaultStage.Initiate);
            Assert.Contains(StorageErrorCodes.EarlierUploadResumed, harness.Observer.Notices);
            Assert.Contains(harness.Observer.Messages, m => m.Contains("1 of 3 parts reused", StringComparison.Ordinal));
        }
        else
        {
            // COS lists no CRC per part: nothing can be verified, so nothing is reused.
            Assert.Equal(new[] { 1, 2, 3 }, partsSent);
            Assert.Contains(bigRequests, r => r.Stage == FaultStage.Abort && r.RawTarget.Contains(killed.UploadId, StringComparison.Ordinal));
            Assert.Contains(StorageErrorCodes.EarlierUploadAborted, harness.Observer.Notices);
            Assert.DoesNotContain(StorageErrorCodes.EarlierUploadResumed, harness.Observer.Notices);
        }

        harness.AssertAllFilesStored();
        Assert.True(harness.ManifestUploaded);
        harness.AssertNoOrphanedUploads();
        AssertNoMarkLeft(harness);
    }

    [Fact]
    public async Task A_killed_runs_upload_of_a_file_that_changed_since_is_aborted_not_continued()
    {
        await using EmulatorHarness harness = await EmulatorHarness.StartAsync(StorageProvider.Oss);
        harness.AddStandardRelease();
        UploadItem big = harness.Files.Single(f => f.RelativePath == "data/big.bin");
        PendingUpload killed = harness.Server.Store.StartUpload(BigKey);
        killed.Parts[1] = StagedPart(1, File.ReadAllBytes(big.LocalPath).AsSpan(0, (int)harness.PartSize).ToArray());
        harness.Server.Store.Put(UploadMarker.KeyFor(EmulatorHarness.Prefix, killed.UploadId),
            new UploadMarker(BigKey, killed.UploadId, big.Length!.Value, harness.PartSize, big.Crc64!.Value ^ 1).ToBytes());

        await harness.UploadAsync();

        Assert.Contains(harness.Server.Requests, r => r.Stage == FaultStage.Initiate && r.Key == BigKey);
        Assert.Contains(StorageErrorCodes.EarlierUploadAborted, harness.Observer.Notices);
        harness.AssertAllFilesStored();
        harness.AssertNoOrphanedUploads();
        AssertNoMarkLeft(harness);
    }

    [Fact]
    public async Task Cancelled_parts_are_aborted_and_their_mark_deleted()
    {
        await using EmulatorHarness harness = await EmulatorHarness.StartAsync(StorageProvider.Cos, slowAnswer: TimeSpan.FromSeconds(8));
        harness.AddStandardRelease();
        harness.Server.Faults.Add(new FaultRule(FaultKind.SlowAnswer, FaultStage.Part, 100));
        using var cancellation = new CancellationTokenSource();

        Task upload = harness.UploadAsync(cancellationToken: cancellation.Token);
        await WaitUntilAsync(() => Marks(harness).Length == 1 && harness.Server.RequestsInFlight > 0);
        var clock = Stopwatch.StartNew();
        cancellation.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => upload);

        // The abort and the mark's delete were answered before the upload returned. (The emulator sees the
        // cancelled parts only once their delay ends: it does not read a connection whose body it has not read yet.)
        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(5));
        harness.AssertNoOrphanedUploads();
        AssertNoMarkLeft(harness);
        Assert.False(harness.ManifestUploaded);
    }

    private static StoredPart StagedPart(int number, byte[] bytes)
    {
        byte[] md5 = System.Security.Cryptography.MD5.HashData(bytes);
        return new StoredPart(number, bytes.Length, Crc64Xz.Hash(bytes), "\"" + Convert.ToHexString(md5) + "\"", bytes) { Md5 = md5, LastModified = DateTimeOffset.UtcNow };
    }

    private static StoredObject[] Marks(EmulatorHarness harness) =>
        harness.Server.Store.Objects.Where(o => o.Key.StartsWith(EmulatorHarness.Prefix + UploadMarker.Folder, StringComparison.Ordinal)).ToArray();

    private static void AssertNoMarkLeft(EmulatorHarness harness) => Assert.Empty(Marks(harness));

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (int i = 0; i < 400 && !condition(); i++)
        {
            await Task.Delay(25);
        }

        Assert.True(condition(), "the condition was never met");
    }
}
