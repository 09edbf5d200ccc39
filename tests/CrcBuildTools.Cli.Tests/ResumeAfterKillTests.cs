using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using CrcBuildTools.Emulator;
using CrcBuildTools.Hashing;
using CrcBuildTools.Manifests;
using CrcBuildTools.TestSupport;
using Xunit;

namespace CrcBuildTools.Cli.Tests;

/// <summary>
/// The CLI as a process, SIGKILLed in the middle of a 1 GiB file and run again: the rerun fetches only the ranges
/// that are missing, hashes the ones on disk again, and verifies the whole file; a range corrupted before the kill
/// is not accepted. The emulator slows each range down (100 ms) in the first run, so the kill lands mid-file.
/// </summary>
public sealed class ResumeAfterKillTests : IClassFixture<ResumeAfterKillTests.LargeRelease>, IDisposable
{
    private const long RangeSize = 8L << 20;
    private const int RangeCount = (int)(LargeRelease.Length / RangeSize);
    private const string Key = LargeRelease.Key;
    private readonly TempFolder _folder = new("cli-resume");
    private readonly StorageEmulatorServer _server;
    private readonly ulong _crc;

    public ResumeAfterKillTests(LargeRelease release)
    {
        _server = release.Server;
        _server.Faults.Clear();
        _crc = release.Crc;
    }

    public void Dispose() => _folder.Dispose();

    /// <summary>One emulator holding the 1 GiB release for both tests (making and storing it is the slow part).</summary>
    public sealed class LargeRelease : IAsyncLifetime
    {
        public const long Length = 1L << 30;
        public const string Key = "big/1.0/payload.bin";

        public StorageEmulatorServer Server { get; } = new(new EmulatorOptions
        {
            Provider = EmulatedProvider.Oss, Bucket = "resume-bucket", Region = "cn-hangzhou", AccessKeyId = "resume-id", Secret = "resume-secret",
            SlowAnswerDelay = TimeSpan.FromMilliseconds(100),
        });

        public ulong Crc { get; private set; }

        public async Task InitializeAsync()
        {
            await Server.StartAsync();

            // Fast to make, different in every MiB (so a range put at the wrong offset would show): one random MiB, stamped.
            var bytes = new byte[Length];
            var block = new byte[1 << 20];
            new Random(7).NextBytes(block);
            for (long offset = 0; offset < Length; offset += block.Length)
            {
                Buffer.BlockCopy(block, 0, bytes, (int)offset, block.Length);
                BitConverter.TryWriteBytes(bytes.AsSpan((int)offset, 8), offset);
            }

            Crc = Crc64Xz.Hash(bytes);
            Server.Store.Put(Key, bytes);
            byte[] manifest = Crc64ManifestWriter.ToBytes(new Crc64Manifest(new[] { new Crc64ManifestEntry("payload.bin", Length, Crc) }));
            Server.Store.Put("big/1.0/big.crc64.json", manifest);
        }

        public async Task DisposeAsync() => await Server.DisposeAsync();
    }

    [Fact]
    public async Task A_killed_download_resumes_with_only_the_missing_ranges_and_verifies()
    {
        string dest = Path.Combine(_folder.Path, "clean");
        _server.Faults.Add(new FaultRule(FaultKind.SlowAnswer, FaultStage.Get, 10_000, Key: Key));
        HashSet<int> done = await RunAndKillAsync(dest);
        Assert.InRange(done.Count, 1, RangeCount - 1);
        Assert.False(Directory.Exists(dest), "DEST must not exist before the release is complete");

        _server.Faults.Clear();
        int mark = _server.Requests.Count;
        (int exit, string stderr) = await RunToEndAsync(dest);

        Assert.True(exit == 0, stderr);
        var fetched = RangeStarts(mark);
        Assert.Empty(fetched.Intersect(done));
        Assert.Equal(Enumerable.Range(0, RangeCount), fetched.Union(done).OrderBy(r => r));
        Assert.Contains($"{done.Count} resumed and re-hashed from disk", stderr, StringComparison.Ordinal);
        Assert.Equal(_crc, Crc64Xz.HashFile(Path.Combine(dest, "payload.bin")).Crc);
    }

    [Fact]
    public async Task A_range_corrupted_before_the_kill_is_not_accepted_after_it()
    {
        string dest = Path.Combine(_folder.Path, "corrupt");
        _server.Faults.Add(new FaultRule(FaultKind.CorruptResponseBody, FaultStage.Get, 1, Key: Key));
        _server.Faults.Add(new FaultRule(FaultKind.SlowAnswer, FaultStage.Get, 10_000, Key: Key));
        HashSet<int> done = await RunAndKillAsync(dest);
        RecordedRequest corrupted = _server.Requests.Single(r => r.Fault == FaultKind.CorruptResponseBody);
        Assert.Contains(RangeIndex(corrupted), done); // the damaged range was written and recorded before the kill

        _server.Faults.Clear();
        int mark = _server.Requests.Count;
        (int exit, string stderr) = await RunToEndAsync(dest);

        Assert.True(exit == 0, stderr);
        Assert.Contains("CRC-64 mismatch after joining the ranges", stderr, StringComparison.Ordinal);
        // The missing ranges, then (after the joined CRC failed) every range again; a request retried on a loaded
        // machine is reported on stderr and may add one each.
        int expected = RangeCount - done.Count + RangeCount;
        int requestRetries = stderr.Split('\n').Count(l => l.StartsWith("retry", StringComparison.Ordinal) && l.Contains(" range ", StringComparison.Ordinal));
        Assert.InRange(RangeRequests(mark).Count(), expected, expected + requestRetries);
        Assert.Equal(_crc, Crc64Xz.HashFile(Path.Combine(dest, "payload.bin")).Crc);
    }

    private async Task<HashSet<int>> RunAndKillAsync(string dest)
    {
        using Process process = Start(dest);
        string journal = Path.Combine(Path.GetDirectoryName(dest)!, "." + Path.GetFileName(dest) + ".crc64xz-staging", "journal");
        var clock = Stopwatch.StartNew();
        while (Done(journal).Count < RangeCount / 3)
        {
            if (process.HasExited)
            {
                Assert.Fail("the download ended before it could be killed: " + await process.StandardError.ReadToEndAsync());
            }

            Assert.True(clock.Elapsed < TimeSpan.FromMinutes(2), "no progress within 2 minutes");
            await Task.Delay(20);
        }

        process.Kill(); // SIGKILL: no handler runs, nothing is cleaned up
        await process.WaitForExitAsync();

        // Let the emulator finish (and record) what the killed process left in flight, so the rerun's count is its own.
        for (int seen = -1, quiet = 0; quiet < 5 && clock.Elapsed < TimeSpan.FromMinutes(3); await Task.Delay(100))
        {
            quiet = _server.Requests.Count == seen ? quiet + 1 : 0;
            seen = _server.Requests.Count;
        }

        return Done(journal);
    }

    private async Task<(int Exit, string StdErr)> RunToEndAsync(string dest)
    {
        using Process process = Start(dest);
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(4));
        return (process.ExitCode, await stderr + await stdout);
    }

    private Process Start(string dest)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (string arg in new[]
                 {
                     "exec", Path.Combine(AppContext.BaseDirectory, "crc64xz.dll"), "download", "oss://resume-bucket/big/1.0/big.crc64.json", dest,
                     "--endpoint", _server.Url, "--region", "cn-hangzhou", "--range-size", "8M", "--parallelism", "4",
                 })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["OSS_ACCESS_KEY_ID"] = "resume-id";
        start.Environment["OSS_ACCESS_KEY_SECRET"] = "resume-secret";
        return Process.Start(start)!;
    }

    private static HashSet<int> Done(string journal)
    {
        if (!File.Exists(journal))
        {
            return new HashSet<int>();
        }

        using var stream = new FileStream(journal, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd().Split('\n').Where(l => l.StartsWith("range 0 ", StringComparison.Ordinal))
            .Select(l => int.TryParse(l.Substring(8), out int r) ? r : -1).Where(r => r >= 0).ToHashSet();
    }

    private HashSet<int> RangeStarts(int mark) => RangeRequests(mark).Select(RangeIndex).ToHashSet();

    /// <summary>
    /// Range requests of the rerun. The emulator records a request when it has answered it, so one the killed run
    /// left in flight is recorded late, with 499 (client gone): it is not the rerun's.
    /// </summary>
    private IEnumerable<RecordedRequest> RangeRequests(int mark) =>
        _server.Requests.Skip(mark).Where(r => r.Headers.ContainsKey("range") && r.Status != 499);

    private static int RangeIndex(RecordedRequest request) =>
        (int)(long.Parse(request.Headers["range"].Substring("bytes=".Length).Split('-')[0]) / RangeSize);
}
