using System;
using System.IO;
using Xunit;

namespace CrcBuildTools.Cli.Tests;

public sealed class HashCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("crc64xz-cli-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData("", "0")]
    [InlineData("a", "3675645893302102789")]
    [InlineData("123456789", "11051210869376104954")]
    [InlineData("This is a test of the emergency broadcast system.", "2871916124362751090")]
    public void Prints_the_services_decimal_form_for_a_file(string content, string expected)
    {
        string path = Write("input.bin", CliRun.Ascii(content));

        var run = CliRun.Of("hash", path);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal($"{expected}  {path}\n", run.StdOut);
        Assert.Equal("", run.StdErr);
    }

    [Fact]
    public void Reads_stdin_when_no_file_is_given_and_prints_hex_on_request()
    {
        var run = CliRun.WithStdin(CliRun.Ascii("123456789"), "hash", "--hex");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("995dc9bbdf1939fa  -\n", run.StdOut);
    }

    [Fact]
    public void Large_files_hashed_in_parallel_chunks_match_sequential_hashing()
    {
        // 1,000,003 bytes, byte i = (i*31+7) mod 256: the reference file's vector.
        var data = new byte[1_000_003];
        for (int i = 0; i < data.Length; i++)
        {
            data[i] = (byte)((i * 31) + 7);
        }

        string path = Write("vector.bin", data);

        Assert.Equal($"16098753979918446933  {path}\n", CliRun.Of("hash", path).StdOut);
        Assert.Equal($"16098753979918446933  {path}\n", CliRun.Of("hash", "--sequential", path).StdOut);
    }

    [Fact]
    public void A_missing_file_fails_with_a_coded_message_but_the_other_files_are_still_hashed()
    {
        string good = Write("good.txt", CliRun.Ascii("a"));
        string missing = Path.Combine(_folder, "missing.txt");

        var run = CliRun.Of("hash", missing, good);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("CRC1001", run.StdErr, StringComparison.Ordinal);
        Assert.Contains(missing, run.StdErr, StringComparison.Ordinal);
        Assert.Equal($"3675645893302102789  {good}\n", run.StdOut);
    }

    [Fact]
    public void A_directory_is_reported_as_not_a_regular_file()
    {
        var run = CliRun.Of("hash", _folder);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("CRC1014", run.StdErr, StringComparison.Ordinal);
        Assert.Contains("is a directory", run.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_options_and_commands_are_usage_errors()
    {
        Assert.Equal(2, CliRun.Of("hash", "--md5").ExitCode);
        Assert.Equal(2, CliRun.Of("frobnicate").ExitCode);
        Assert.Equal(2, CliRun.Of().ExitCode);
    }

    [Fact]
    public void Double_dash_makes_a_name_that_starts_with_dashes_a_file_not_an_option()
    {
        var run = CliRun.Of("hash", "--", "--no-such-file-named-like-an-option");

        // Treated as a file (and reported missing), not rejected as an unknown option (exit 2).
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("CRC1001", run.StdErr, StringComparison.Ordinal);
        Assert.Contains("--no-such-file-named-like-an-option", run.StdErr, StringComparison.Ordinal);
    }

    private string Write(string name, byte[] bytes)
    {
        string path = Path.Combine(_folder, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }
}
