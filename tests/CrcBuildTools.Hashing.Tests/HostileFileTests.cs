using System;
using System.IO;
using System.Threading;
using CrcBuildTools.Hashing.Tests.Support;
using CrcBuildTools.TestSupport;
using Xunit;

namespace CrcBuildTools.Hashing.Tests;

/// <summary>
/// The file entry point against files whose size lies, that never end, that are not files, that lead out of their
/// folder through links, and that change while they are read. Every CRC asserted comes from xz.
/// </summary>
public sealed class HostileFileTests : IDisposable
{
    private static readonly TimeSpan NoHang = TimeSpan.FromSeconds(30);
    private readonly TempFolder _folder = new("hostile");
    private readonly TempFolder _outside = new("outside");

    public void Dispose()
    {
        _folder.Dispose();
        _outside.Dispose();
    }

    [Fact]
    public void A_proc_file_whose_size_is_zero_is_hashed_as_read()
    {
        Assert.Equal(0, new FileInfo("/proc/version").Length);
        byte[] bytes = File.ReadAllBytes("/proc/version");
        Assert.NotEmpty(bytes);
        ulong oracle = XzOracle.Crc64(_folder.Write("version.copy", bytes));

        Assert.Equal(new Crc64XzFileHash(oracle, bytes.Length), Crc64Xz.HashFile("/proc/version"));
    }

    [Fact]
    public void A_fifo_is_refused_without_blocking_and_read_to_its_end_when_allowed()
    {
        string fifo = SpecialFiles.MakeFifo(_folder.PathOf("pipe"));

        var refused = SpecialFiles.WithinTime(NoHang, () => Assert.Throws<Crc64XzFileException>(() => Crc64Xz.HashFile(fifo)));
        Assert.Equal(Crc64XzFileProblem.NotARegularFile, refused.Problem);
        Assert.Equal(Crc64XzFileKind.Fifo, refused.Kind);
        Assert.Contains("pipe (FIFO)", refused.Message, StringComparison.Ordinal);
        Assert.Throws<Crc64XzFileException>(() => Crc64Xz.OpenFile(fifo));

        byte[] data = RandomBytes.Create(300_000, 8);
        ulong oracle = XzOracle.Crc64(_folder.Write("pipe.copy", data));
        var feeding = SpecialFiles.FeedFifo(fifo, data);
        var hash = SpecialFiles.WithinTime(NoHang, () => Crc64Xz.HashFile(fifo, new Crc64XzFileOptions { ReadNonRegularFiles = true }));
        SpecialFiles.WithinTime(NoHang, () => feeding.IsCompleted || feeding.Wait(NoHang));
        Assert.Equal(new Crc64XzFileHash(oracle, data.Length), hash);
    }

    [Fact]
    public void Dev_zero_is_refused_and_when_allowed_its_endless_read_is_cancellable()
    {
        var refused = Assert.Throws<Crc64XzFileException>(() => Crc64Xz.HashFile("/dev/zero"));
        Assert.Equal(Crc64XzFileKind.CharacterDevice, refused.Kind);

        using var soon = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        SpecialFiles.WithinTime(NoHang, () => Assert.ThrowsAny<OperationCanceledException>(
            () => Crc64Xz.HashFile("/dev/zero", new Crc64XzFileOptions { ReadNonRegularFiles = true }, soon.Token)));
    }

    [Fact]
    public void A_directory_is_never_hashed()
    {
        var refused = Assert.Throws<Crc64XzFileException>(() => Crc64Xz.HashFile(_folder.Path, new Crc64XzFileOptions { ReadNonRegularFiles = true }));
        Assert.Equal(Crc64XzFileKind.Directory, refused.Kind);
    }

    [Fact]
    public void A_link_inside_the_folder_is_hashed_as_its_target()
    {
        string real = _folder.Write("real.bin", RandomBytes.Create(5000, 3));
        ulong oracle = XzOracle.Crc64(real);
        var inside = new Crc64XzFileOptions { ContainingFolder = _folder.Path };

        foreach (string link in new[]
        {
            SpecialFiles.Link(_folder.PathOf("relative.bin"), "real.bin"),
            SpecialFiles.Link(_folder.PathOf("sub/up.bin"), "../real.bin"),
            SpecialFiles.Link(_folder.PathOf("absolute.bin"), real),
            Path.Combine(SpecialFiles.Link(_folder.PathOf("alias"), "sub"), "up.bin"), // through a folder link that stays inside
        })
        {
            Assert.Equal(new Crc64XzFileHash(oracle, 5000), Crc64Xz.HashFile(link, inside));
        }
    }

    [Fact]
    public void A_link_out_of_the_folder_is_refused_before_anything_is_read()
    {
        string secret = _outside.Write("secret.txt", "the outside file's bytes");
        ulong secretCrc = XzOracle.Crc64(secret);
        var inside = new Crc64XzFileOptions { ContainingFolder = _folder.Path };
        string fileLink = SpecialFiles.Link(_folder.PathOf("out.bin"), secret);
        string throughFolderLink = Path.Combine(SpecialFiles.Link(_folder.PathOf("etc"), _outside.Path), "secret.txt");
        string climbing = SpecialFiles.Link(_folder.PathOf("climb.bin"), Path.GetRelativePath(_folder.Path, secret));

        foreach (string path in new[] { fileLink, throughFolderLink, climbing })
        {
            var refused = Assert.Throws<Crc64XzFileException>(() => Crc64Xz.HashFile(path, inside));
            Assert.Equal(Crc64XzFileProblem.OutsideFolder, refused.Problem);
            Assert.Equal(secret, refused.ResolvedPath);
            Assert.DoesNotContain(secretCrc.ToString(System.Globalization.CultureInfo.InvariantCulture), refused.Message, StringComparison.Ordinal);
            Assert.Throws<Crc64XzFileException>(() => Crc64Xz.OpenFile(path, inside));
        }

        // Without a containing folder the caller named the file itself, and links are followed.
        Assert.Equal(secretCrc, Crc64Xz.HashFile(fileLink).Crc);
    }

    [Fact]
    public void The_containing_folder_may_itself_be_reached_through_a_link()
    {
        string real = _folder.Write("data/a.bin", "abc");
        string alias = SpecialFiles.Link(_outside.PathOf("alias"), _folder.PathOf("data"));

        Assert.Equal(XzOracle.Crc64(real), Crc64Xz.HashFile(Path.Combine(alias, "a.bin"), new Crc64XzFileOptions { ContainingFolder = alias }).Crc);
    }

    [Fact]
    public void A_dangling_link_is_missing_and_a_link_loop_is_refused()
    {
        var inside = new Crc64XzFileOptions { ContainingFolder = _folder.Path };
        string dangling = SpecialFiles.Link(_folder.PathOf("dangling"), "nowhere");
        var missing = Assert.Throws<FileNotFoundException>(() => Crc64Xz.HashFile(dangling, inside));
        Assert.Contains("symbolic link whose target does not exist", missing.Message, StringComparison.Ordinal);

        SpecialFiles.Link(_folder.PathOf("loop-a"), "loop-b");
        SpecialFiles.Link(_folder.PathOf("loop-b"), "loop-a");
        var loop = Assert.Throws<Crc64XzFileException>(() => Crc64Xz.HashFile(_folder.PathOf("loop-a"), inside));
        Assert.Contains("loop", loop.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_that_grows_while_hashed_is_hashed_again_and_settles_on_its_final_bytes()
    {
        string path = _folder.Write("growing.bin", RandomBytes.Create(1 << 20, 5));
        bool appended = false;
        Crc64XzFileHasher.AfterEachRead.Value = attempt =>
        {
            if (attempt == 1 && !appended)
            {
                appended = true;
                File.AppendAllText(path, "appended while the first pass was reading");
            }
        };

        Crc64XzFileHash hash = Crc64Xz.HashFile(path, new Crc64XzFileOptions { ReadBufferSize = 64 * 1024 });

        Assert.True(appended);
        Assert.Equal(new Crc64XzFileHash(XzOracle.Crc64(path), new FileInfo(path).Length), hash);
    }

    [Fact]
    public void A_file_rewritten_in_place_at_the_same_length_is_hashed_again()
    {
        string path = _folder.Write("in-place.bin", RandomBytes.Create(1 << 20, 6));
        bool rewritten = false;
        Crc64XzFileHasher.AfterEachRead.Value = attempt =>
        {
            if (attempt == 1 && !rewritten)
            {
                rewritten = true;
                using var stream = new FileStream(path, FileMode.Open, FileAccess.Write);
                stream.Position = 10;
                stream.WriteByte(0xA5); // before the reader's position: a single pass would miss it
            }
        };

        Crc64XzFileHash hash = Crc64Xz.HashFile(path, new Crc64XzFileOptions { ReadBufferSize = 64 * 1024 });

        Assert.Equal(new Crc64XzFileHash(XzOracle.Crc64(path), 1 << 20), hash);
    }

    [Fact]
    public void A_file_that_shrinks_during_a_parallel_hash_is_hashed_again_without_an_aggregate_exception()
    {
        string path = _folder.Write("shrinking.bin", RandomBytes.Create(4 << 20, 7));
        int truncated = 0;
        Crc64XzFileHasher.AfterEachRead.Value = attempt =>
        {
            if (attempt == 1 && Interlocked.Exchange(ref truncated, 1) == 0)
            {
                using var stream = new FileStream(path, FileMode.Open, FileAccess.Write);
                stream.SetLength(100_000);
            }
        };

        var parallel = new Crc64XzFileOptions { ParallelThreshold = 1, ChunkSize = 256 * 1024, MaxDegreeOfParallelism = 2, ReadBufferSize = 64 * 1024 };
        Crc64XzFileHash hash = Crc64Xz.HashFile(path, parallel);

        Assert.Equal(new Crc64XzFileHash(XzOracle.Crc64(path), 100_000), hash);
    }

    [Fact]
    public void A_file_that_keeps_changing_is_refused_rather_than_given_a_crc_it_never_had()
    {
        // Appended to as fast as it is read, so the read never finds the end by itself: the growth limit ends it.
        string path = _folder.Write("busy.log", RandomBytes.Create(256 * 1024, 9));
        byte[] block = new byte[64 * 1024];
        Crc64XzFileHasher.AfterEachRead.Value = _ =>
        {
            using var log = new FileStream(path, FileMode.Append, FileAccess.Write);
            log.Write(block, 0, block.Length);
        };

        var refused = Assert.Throws<Crc64XzFileException>(() => Crc64Xz.HashFile(path, new Crc64XzFileOptions { ReadBufferSize = 64 * 1024 }));

        Assert.Equal(Crc64XzFileProblem.ChangedWhileHashed, refused.Problem);
        Assert.Contains("busy.log", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_out_of_range_are_refused_when_set()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Crc64XzFileOptions { ChunkSize = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new Crc64XzFileOptions { ReadBufferSize = -1 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new Crc64XzFileOptions { MaxDegreeOfParallelism = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new Crc64XzFileOptions { MaxDegreeOfParallelism = 513 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new Crc64XzFileOptions { ParallelThreshold = -1 });
    }
}
