using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using CrcBuildTools.TestSupport;
using Xunit;
using Xunit.Abstractions;

namespace CrcBuildTools.Arm64.Tests;

/// <summary>
/// The CRC engine on ARM64, under qemu-aarch64: the PMULL path and the scalar path, each against the published
/// vectors, the cross-path length classes at every start alignment 0-63, and files whose CRC xz computed on the host.
/// </summary>
public sealed class Arm64EngineTests(Arm64RunnerFixture runner, ITestOutputHelper output) : IClassFixture<Arm64RunnerFixture>
{
    private static readonly string[] Paths = { "ArmPmull", "Scalar" };

    /// <summary>Every check the runner must report, one test row each; the runner names them the same way.</summary>
    public static IEnumerable<object[]> Checks =>
        Paths.SelectMany(path => new[] { $"vectors/{path}" }
                .Concat(Enumerable.Range(0, 8).Select(group => $"crosspath/{path}/alignments-{group * 8}-{(group * 8) + 7}")))
            .Append("combine")
            .Select(check => new object[] { check });

    public static IEnumerable<object[]> PathNames => Paths.Select(p => new object[] { p });

    [Arm64Fact]
    public void TheRunnerIsArm64AndChoosesPmull()
    {
        ProcessResult check = runner.Check;
        output.WriteLine($"publish {runner.PublishTime.TotalSeconds:0.0} s, check under emulation {check.Elapsed.TotalSeconds:0.0} s");

        Assert.Contains("architecture Arm64", check.Lines);
        Assert.Contains("implementation ArmPmull", check.Lines);
        Assert.Contains("supported ArmPmull,Scalar", check.Lines);
    }

    [Arm64Theory]
    [MemberData(nameof(Checks))]
    public void CheckPassesUnderEmulation(string name)
    {
        ProcessResult check = runner.Check;
        string? line = check.Lines.FirstOrDefault(l => l == "PASS " + name || l.StartsWith("FAIL " + name + ":", StringComparison.Ordinal));

        Assert.True(line is not null, $"The runner did not report '{name}' (exit {check.ExitCode}):\n{check.Output}\n{check.Error}");
        Assert.True(line == "PASS " + name, line);
    }

    [Arm64Fact]
    public void TheRunnerReportsNoOtherCheckAndNoFailure()
    {
        ProcessResult check = runner.Check;
        var expected = Checks.Select(row => (string)row[0]).ToHashSet();
        var reported = check.Lines.Where(l => l.StartsWith("PASS ", StringComparison.Ordinal) || l.StartsWith("FAIL ", StringComparison.Ordinal)).ToList();

        Assert.Equal(0, check.ExitCode);
        Assert.Equal(expected.Count, reported.Count);
        Assert.All(reported, l => Assert.Contains(l.Substring(5).Split(':')[0], expected));
    }

    /// <summary>The public file and span APIs on each path (pinned for the whole child), against xz on the host.</summary>
    [Arm64Theory]
    [MemberData(nameof(PathNames))]
    public void FilesMatchXzOnEveryPath(string path)
    {
        using var folder = new TempFolder("arm64");
        var files = new List<(string File, int Length)>();
        var random = new Random(9);
        foreach (int length in new[] { 1, 9, 255, 1023, 4097, 65_537, (1 << 20) + 12_345, (3 << 20) + 1 })
        {
            var bytes = new byte[length];
            random.NextBytes(bytes);
            files.Add((folder.Write($"random-{length}.bin", bytes), length));
        }

        ProcessResult hash = Arm64Emulation.Run(runner.Runner, new[] { "hash" }.Concat(files.Select(f => f.File)), new Dictionary<string, string?> { ["CRCBUILDTOOLS_CRC64_IMPLEMENTATION"] = path });
        output.WriteLine($"hash on {path} under emulation: {hash.Elapsed.TotalSeconds:0.0} s");

        Assert.True(hash.ExitCode == 0, hash.Output + hash.Error);
        var lines = hash.Lines.ToList();
        Assert.Equal(files.Count, lines.Count);
        for (int i = 0; i < files.Count; i++)
        {
            string[] fields = lines[i].Split(' ', 3);
            Assert.Equal(files[i].File, fields[2]);
            Assert.Equal(files[i].Length.ToString(CultureInfo.InvariantCulture), fields[1]);
            Assert.True(XzOracle.Crc64(files[i].File).ToString(CultureInfo.InvariantCulture) == fields[0], $"{path} under emulation: {lines[i]}, xz says {XzOracle.Crc64(files[i].File)}.");
        }
    }
}
