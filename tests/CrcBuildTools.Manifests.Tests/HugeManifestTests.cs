using System;
using System.IO;
using System.Text;
using System.Threading;
using CrcBuildTools.TestSupport;
using Xunit;
using Xunit.Abstractions;

namespace CrcBuildTools.Manifests.Tests;

/// <summary>
/// The reader streams: memory follows the entries, never the text; a hostile manifest (an endless device, a giant
/// string, a pipe that never closes) is refused or cancelled without reading it all.
/// </summary>
public sealed class HugeManifestTests(ITestOutputHelper output) : IDisposable
{
    private const int EntryCount = 200_000;
    private readonly TempFolder _folder = new("huge-manifest");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Memory_kept_after_reading_is_bounded_by_the_documented_multiple_of_the_file()
    {
        string path = WriteManifest(EntryCount, badLastLine: false);
        long fileLength = new FileInfo(path).Length;

        long before = GC.GetTotalMemory(forceFullCollection: true);
        long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        Crc64Manifest manifest = Crc64ManifestReader.Read(path);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        long kept = GC.GetTotalMemory(forceFullCollection: true) - before;

        Assert.Equal(EntryCount, manifest.Files.Count);
        output.WriteLine($"manifest {fileLength:N0} bytes, {EntryCount:N0} entries: kept {kept:N0} bytes ({(double)kept / fileLength:F2}x), allocated {allocated:N0} bytes ({(double)allocated / fileLength:F2}x)");
        // docs/manifest.md states: at most about twice the manifest's size is kept, and no copy of its text.
        Assert.True(kept <= 2 * fileLength, $"kept {kept} bytes for a {fileLength}-byte manifest");
        Assert.True(allocated <= 4 * fileLength, $"allocated {allocated} bytes for a {fileLength}-byte manifest");
        GC.KeepAlive(manifest);
    }

    [Fact]
    public void A_manifest_malformed_on_its_last_line_is_refused_with_the_position_and_nothing_kept()
    {
        string path = WriteManifest(EntryCount, badLastLine: true);

        var e = Assert.Throws<Crc64ManifestException>(() => Crc64ManifestReader.Read(path));

        Assert.Equal(Crc64ErrorCodes.ManifestMalformed, e.Code);
        Assert.Equal(EntryCount + 4, e.Line);
        Assert.Contains("must be a decimal string", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_endless_device_as_the_manifest_is_refused_at_its_first_byte()
    {
        var e = SpecialFiles.WithinTime(TimeSpan.FromSeconds(30), () => Assert.Throws<Crc64ManifestException>(() => Crc64ManifestReader.Read("/dev/zero")));

        Assert.Equal(Crc64ErrorCodes.ManifestMalformed, e.Code);
        Assert.Equal((1, 1), (e.Line, e.Column));
        Assert.Contains("U+0000", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_giant_string_is_refused_before_it_fills_memory()
    {
        string path = _folder.Write("giant.json", "{ \"schema\": \"" + new string('a', 1_000_000) + "\" }");

        var e = Assert.Throws<Crc64ManifestException>(() => Crc64ManifestReader.Read(path));

        Assert.Contains("longer than 65,536 characters", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pipe_that_never_ends_is_read_as_a_stream_and_the_read_is_cancellable()
    {
        string fifo = SpecialFiles.MakeFifo(_folder.PathOf("manifest.pipe"));
        using var stop = new CancellationTokenSource();
        var writer = System.Threading.Tasks.Task.Run(() =>
        {
            try
            {
                using var pipe = new FileStream(fifo, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, bufferSize: 1);
                byte[] head = Encoding.UTF8.GetBytes("{ \"schema\": \"https://crcbuildtools/manifest/v1\", \"files\": [");
                pipe.Write(head, 0, head.Length);
                byte[] spaces = Encoding.ASCII.GetBytes(new string(' ', 4096));
                while (!stop.IsCancellationRequested)
                {
                    pipe.Write(spaces, 0, spaces.Length);
                }
            }
            catch (IOException)
            {
                // The reader closed the pipe: exactly what a cancelled read should do.
            }
        });

        using var soon = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        SpecialFiles.WithinTime(TimeSpan.FromSeconds(30), () => Assert.ThrowsAny<OperationCanceledException>(() => Crc64ManifestReader.Read(fifo, soon.Token)));
        stop.Cancel();
        Assert.True(writer.Wait(TimeSpan.FromSeconds(30)));
    }

    private string WriteManifest(int count, bool badLastLine)
    {
        string path = _folder.PathOf("big.crc64.json");
        SyntheticManifest.Write(path, count, badLastLine);
        return path;
    }
}
