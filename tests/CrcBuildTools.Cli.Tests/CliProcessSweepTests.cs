using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading;
using CrcBuildTools.Hashing;
using CrcBuildTools.Manifests;
using CrcBuildTools.TestSupport;
using Xunit;

namespace CrcBuildTools.Cli.Tests;

/// <summary>
/// The sweep: crc64xz as a separate process over every odd input of the hostile-input issue and their neighbours.
/// <see cref="CliProcess"/> fails any run that hangs, exits with an undocumented code, or prints an unhandled
/// exception or a stack trace; each case also checks its own answer. Every CRC asserted comes from xz.
/// </summary>
public sealed class CliProcessSweepTests : IDisposable
{
    private readonly TempFolder _folder = new("cli-sweep");
    private readonly TempFolder _outside = new("cli-outside");

    public void Dispose()
    {
        _folder.Dispose();
        _outside.Dispose();
    }

    public static TheoryData<string[], int, string> UsageMistakes => new()
    {
        { new[] { "hash", "" }, 2, "an empty argument is not a file name" },
        { new[] { "hash", "--", "" }, 2, "an empty argument is not a file name" },
        { new[] { "hash", "--md5" }, 2, "unknown option" },
        { new[] { "verify", "" }, 2, "an empty argument is not a path" },
        { new[] { "verify", "m.json", "" }, 2, "an empty argument is not a path" },
        { new[] { "verify" }, 2, "takes a manifest" },
        { new[] { "verify", "a", "b", "c" }, 2, "takes a manifest" },
        { new[] { "verify", "/dev/zero" }, 2, "has no folder of its own" },
        { new[] { "" }, 2, "unknown command" },
        { new[] { "frobnicate\u001b[2J" }, 2, "unknown command 'frobnicate\\u001b[2J'" },
        { Array.Empty<string>(), 2, "Usage:" },
    };

    [Theory]
    [MemberData(nameof(UsageMistakes))]
    public void Empty_and_absurd_arguments_are_usage_errors(string[] args, int exitCode, string text)
    {
        CliProcess run = CliProcess.Run(_folder.Path, null, args);

        Assert.Equal(exitCode, run.ExitCode);
        Assert.Contains(text, run.StdOut + run.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', run.StdOut + run.StdErr);
    }

    [Fact]
    public void Special_files_are_hashed_as_read_or_refused_with_their_code()
    {
        byte[] version = File.ReadAllBytes("/proc/version");
        ulong versionCrc = XzOracle.Crc64(_folder.Write("version.copy", version));
        SpecialFiles.Link(_folder.PathOf("dangling"), "nowhere");
        SpecialFiles.Link(_folder.PathOf("loop-a"), "loop-b");
        SpecialFiles.Link(_folder.PathOf("loop-b"), "loop-a");
        Directory.CreateDirectory(_folder.PathOf("folder"));

        Assert.Equal($"{CliProcess.Decimal(versionCrc)}  /proc/version\n", CliProcess.Run(_folder.Path, null, "hash", "/proc/version").StdOut);
        Assert.Equal("0  /dev/null\n", CliProcess.Run(_folder.Path, null, "hash", "/dev/null").StdOut);

        CliProcess folder = CliProcess.Run(_folder.Path, null, "hash", "folder");
        Assert.Equal((1, true), (folder.ExitCode, folder.StdErr.Contains("CRC1014", StringComparison.Ordinal)));

        CliProcess dangling = CliProcess.Run(_folder.Path, null, "hash", "dangling");
        Assert.Equal(1, dangling.ExitCode);
        Assert.Contains("CRC1001: 'dangling' does not exist (it is a symbolic link whose target does not exist)", dangling.StdErr, StringComparison.Ordinal);

        CliProcess loop = CliProcess.Run(_folder.Path, null, "hash", "loop-a");
        Assert.Equal(1, loop.ExitCode);
        Assert.Contains("CRC100", loop.StdErr, StringComparison.Ordinal);

        CliProcess tooLong = CliProcess.Run(_folder.Path, null, "hash", new string('n', 300));
        Assert.Equal(1, tooLong.ExitCode);
        Assert.Contains("CRC100", tooLong.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void Stdin_from_a_pipe_and_a_fifo_are_read_to_their_end()
    {
        byte[] data = Enumerable.Range(0, 300_000).Select(i => (byte)(i * 7)).ToArray();
        string expected = CliProcess.Decimal(XzOracle.Crc64(_folder.Write("data.copy", data)));

        Assert.Equal($"{expected}  /dev/stdin\n", CliProcess.Run(_folder.Path, data, "hash", "/dev/stdin").StdOut);
        Assert.Equal($"{expected}  -\n", CliProcess.Run(_folder.Path, data, "hash").StdOut);

        string fifo = SpecialFiles.MakeFifo(_folder.PathOf("pipe"));
        var writer = SpecialFiles.FeedFifo(fifo, data);
        CliProcess run = CliProcess.Run(_folder.Path, null, "hash", "pipe");
        Assert.True(writer.Wait(TimeSpan.FromSeconds(60)));
        Assert.Equal($"{expected}  pipe\n", run.StdOut);
    }

    [Fact]
    public void Names_that_would_forge_lines_or_drive_the_terminal_are_escaped_as_sha256sum_does()
    {
        string[] names =
        {
            "evil\n3675645893302102789  fake.dll",
            "back\\slash.txt",
            "carriage\rreturn",
            "tab\tname",
            "esc\u001b[31mred",
            "c1\u009bcsi",
            "line\u2028separator",
            "bidi\u202eexe.txt",
            "plain ü 😀.txt",
        };
        foreach (string name in names)
        {
            _folder.Write(name, "a");
        }

        CliProcess run = CliProcess.Run(_folder.Path, null, new[] { "hash" }.Concat(names).ToArray());

        string crc = CliProcess.Decimal(XzOracle.Crc64(_folder.PathOf("plain ü 😀.txt")));
        Assert.Equal(
            new[]
            {
                $"\\{crc}  evil\\n3675645893302102789  fake.dll",
                $"\\{crc}  back\\\\slash.txt",
                $"\\{crc}  carriage\\rreturn",
                $"\\{crc}  tab\\tname",
                $"\\{crc}  esc\\x1b[31mred",
                $"\\{crc}  c1\\u009bcsi",
                $"\\{crc}  line\\u2028separator",
                $"\\{crc}  bidi\\u202eexe.txt",
                $"{crc}  plain ü 😀.txt",
            },
            run.StdOutLines);

        // --json is the unambiguous form: one object per input, the name exactly as given.
        CliProcess json = CliProcess.Run(_folder.Path, null, new[] { "hash", "--json" }.Concat(names).ToArray());
        var parsed = json.StdOutLines.Select(l => JsonDocument.Parse(l).RootElement).ToArray();
        Assert.Equal(names, parsed.Select(p => p.GetProperty("path").GetString()));
        Assert.All(parsed, p => Assert.Equal(crc, p.GetProperty("crc64").GetString()));
        Assert.All(parsed, p => Assert.Equal(1, p.GetProperty("length").GetInt64()));
        Assert.DoesNotContain(json.StdOut, c => c == '\u001b' || c == '\u202e' || c == '\r');
    }

    [Fact]
    public void A_name_that_is_not_valid_utf8_is_hashed_by_its_bytes_and_shown_escaped()
    {
        CliProcess.Shell(_folder.Path, "printf 'abc' > \"$(printf 'bad\\377name')\"").AssertNoCrash("setup");
        string file = Directory.GetFiles(_folder.Path).Single(f => f.Contains('\uFFFD', StringComparison.Ordinal));
        string crc = CliProcess.Decimal(XzOracle.Crc64(_folder.Write("abc.copy", "abc")));

        CliProcess run = CliProcess.Shell(_folder.Path, "exec \"$CLI\" hash \"$(printf 'bad\\377name')\"");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal($"\\{crc}  bad\\xffname\n", run.StdOut);

        CliProcess json = CliProcess.Shell(_folder.Path, "exec \"$CLI\" hash --json \"$(printf 'bad\\377name')\"");
        JsonElement line = JsonDocument.Parse(json.StdOut).RootElement;
        Assert.Equal(new byte[] { (byte)'b', (byte)'a', (byte)'d', 0xFF, (byte)'n', (byte)'a', (byte)'m', (byte)'e' }, Convert.FromBase64String(line.GetProperty("pathBytes").GetString()!));
        Assert.Equal(crc, line.GetProperty("crc64").GetString());
        GC.KeepAlive(file);
    }

    [Fact]
    public void A_file_truncated_while_hashed_gets_a_crc_it_really_had_or_a_code_never_a_crash()
    {
        byte[] full = Enumerable.Range(0, 96 << 20).Select(i => (byte)(i ^ (i >> 9))).ToArray();
        string path = _folder.Write("big.bin", full);
        ulong fullCrc = XzOracle.Crc64(path);
        ulong truncatedCrc = XzOracle.Crc64(_folder.Write("truncated.copy", full.AsSpan(0, 1 << 20).ToArray()));

        CliProcess run = CliProcess.RunWhile(_folder.Path, process =>
        {
            Thread.Sleep(50);
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite);
            stream.SetLength(1 << 20);
        }, "hash", "big.bin");

        if (run.ExitCode == 0)
        {
            Assert.Contains(run.StdOut, new[] { $"{CliProcess.Decimal(fullCrc)}  big.bin\n", $"{CliProcess.Decimal(truncatedCrc)}  big.bin\n" });
        }
        else
        {
            Assert.Matches("CRC101[5]|CRC1002", run.StdErr);
        }
    }

    [Fact]
    public void Ctrl_c_stops_an_endless_read_promptly_with_its_own_exit_code()
    {
        CliProcess run = CliProcess.RunWhile(_folder.Path, process =>
        {
            Thread.Sleep(1500); // let the runtime install its signal handler and start reading
            using var kill = Process.Start("kill", new[] { "-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) })!;
            kill.WaitForExit();
        }, "hash", "/dev/zero");

        Assert.Equal(130, run.ExitCode);
        Assert.Contains("cancelled", run.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_refuses_links_out_pipes_and_devices_and_never_walks_directory_links()
    {
        string secret = _outside.Write("passwd", "root:x:0:0::/root:/bin/sh\n");
        ulong secretCrc = XzOracle.Crc64(secret);
        string app = _folder.Write("app/app.dll", "the app");
        SpecialFiles.Link(_folder.PathOf("app/etc"), _outside.Path);
        SpecialFiles.Link(_folder.PathOf("app/root"), "/");
        SpecialFiles.Link(_folder.PathOf("app/loop"), ".");
        SpecialFiles.MakeFifo(_folder.PathOf("app/events.log"));
        var manifest = new Crc64Manifest(new[]
        {
            new Crc64ManifestEntry("app.dll", 7, XzOracle.Crc64(app)),
            new Crc64ManifestEntry("etc/passwd", 26, secretCrc ^ 0xFF),
            new Crc64ManifestEntry("events.log", 0, 0),
        });
        Crc64ManifestWriter.WriteIfChanged(manifest, _folder.PathOf("app/app.crc64.json"));

        CliProcess run = CliProcess.Run(_folder.Path, null, "verify", "app/app.crc64.json");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(
            new[] { "CRC1013 etc/passwd", "CRC1014 events.log", "CRC1007 loop", "CRC1007 root" },
            run.StdErrLines.Select(l => l.Split(':')[1].Trim().Split(' ')[1] + " " + l.Split('\'')[1]).OrderBy(s => s.Split(' ')[1], StringComparer.Ordinal));
        Assert.DoesNotContain(CliProcess.Decimal(secretCrc), run.StdOut + run.StdErr, StringComparison.Ordinal);

        CliProcess json = CliProcess.Run(_folder.Path, null, "verify", "--json", "app/app.crc64.json");
        JsonElement report = JsonDocument.Parse(json.StdOut).RootElement;
        Assert.False(report.GetProperty("ok").GetBoolean());
        Assert.Equal(1, report.GetProperty("verified").GetInt32());
        Assert.Equal(new[] { "CRC1013", "CRC1014", "CRC1007", "CRC1007" }, report.GetProperty("problems").EnumerateArray().Select(p => p.GetProperty("code").GetString()));
    }

    [Fact]
    public void Verify_reads_a_manifest_from_a_pipe_and_refuses_an_endless_device_at_its_first_byte()
    {
        string app = _folder.Write("app/app.dll", "the app");
        byte[] manifest = Crc64ManifestWriter.ToBytes(new Crc64Manifest(new[] { new Crc64ManifestEntry("app.dll", 7, XzOracle.Crc64(app)) }));
        string fifo = SpecialFiles.MakeFifo(_folder.PathOf("manifest.pipe"));
        var writer = SpecialFiles.FeedFifo(fifo, manifest);

        CliProcess piped = CliProcess.Run(_folder.Path, null, "verify", "manifest.pipe", "app");
        Assert.True(writer.Wait(TimeSpan.FromSeconds(60)));
        Assert.Equal(0, piped.ExitCode);
        Assert.StartsWith("OK: 1 files", piped.StdOut, StringComparison.Ordinal);

        CliProcess zero = CliProcess.Run(_folder.Path, null, "verify", "/dev/zero", "app");
        Assert.Equal(1, zero.ExitCode);
        Assert.Contains("CRC1004", zero.StdErr, StringComparison.Ordinal);
        Assert.Contains("line 1, column 1", zero.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_escapes_extra_names_and_reports_unreadable_manifests_with_codes()
    {
        string app = _folder.Write("app/app.dll", "the app");
        Crc64ManifestWriter.WriteIfChanged(new Crc64Manifest(new[] { new Crc64ManifestEntry("app.dll", 7, XzOracle.Crc64(app)) }), _folder.PathOf("app/app.crc64.json"));
        _folder.Write("app/dropped\nCRC1006: fake line\u001b[0m", "x");

        CliProcess run = CliProcess.Run(_folder.Path, null, "verify", "app/app.crc64.json");
        Assert.Equal(1, run.ExitCode);
        string line = Assert.Single(run.StdErrLines);
        Assert.StartsWith("crc64xz: error CRC1007: 'dropped\\u000aCRC1006: fake line\\u001b[0m'", line, StringComparison.Ordinal);

        Assert.Contains("CRC1009", CliProcess.Run(_folder.Path, null, "verify", "app").StdErr, StringComparison.Ordinal);
        Assert.Contains("CRC1009", CliProcess.Run(_folder.Path, null, "verify", "none.json").StdErr, StringComparison.Ordinal);
        _folder.Write("bad.json", "{ \"schema\": 1 }");
        Assert.Contains("CRC1004", CliProcess.Run(_folder.Path, null, "verify", "bad.json", "app").StdErr, StringComparison.Ordinal);
        Assert.Contains("CRC1008", CliProcess.Run(_folder.Path, null, "verify", "app/app.crc64.json", "no-such-folder").StdErr, StringComparison.Ordinal);
    }
}
