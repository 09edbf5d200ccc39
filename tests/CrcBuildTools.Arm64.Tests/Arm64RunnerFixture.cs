using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;

namespace CrcBuildTools.Arm64.Tests;

/// <summary>
/// Once per run: publishes the runner self-contained for linux-arm64 into artifacts/arm64 (its own artifacts folder,
/// so the linux-arm64 restore never touches the repository's normal obj/), then runs its checks once under qemu.
/// </summary>
public sealed class Arm64RunnerFixture
{
    private readonly Lazy<(string Runner, TimeSpan PublishTime)> _published = new(Publish);
    private readonly Lazy<ProcessResult> _check;

    public Arm64RunnerFixture()
    {
        _check = new Lazy<ProcessResult>(() => Arm64Emulation.Run(Runner, new[] { "check" }, new Dictionary<string, string?> { ["CRCBUILDTOOLS_CRC64_IMPLEMENTATION"] = null }));
    }

    /// <summary>The published linux-arm64 executable.</summary>
    public string Runner => _published.Value.Runner;

    public TimeSpan PublishTime => _published.Value.PublishTime;

    /// <summary>The output of <c>runner check</c>, run once under emulation.</summary>
    public ProcessResult Check => _check.Value;

    private static (string, TimeSpan) Publish()
    {
        string artifacts = Path.Combine(Arm64Emulation.RepositoryRoot, "artifacts", "arm64");
        string output = Path.Combine(artifacts, "runner");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Arm64Emulation.RepositoryRoot,
        };
        foreach (string argument in new[]
        {
            "publish", Path.Combine("tests", "CrcBuildTools.Hashing.Arm64Runner", "CrcBuildTools.Hashing.Arm64Runner.csproj"),
            "-c", "Release", "-p:Arm64Runner=true", "-o", output, "--artifacts-path", Path.Combine(artifacts, "build"),
            "-nodeReuse:false", "-tl:off",
        })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        ProcessResult publish = ProcessResult.Run(start, TimeSpan.FromMinutes(10));
        if (publish.ExitCode != 0)
        {
            throw new InvalidOperationException($"Publishing the linux-arm64 runner failed ({publish.ExitCode}):\n{publish.Output}\n{publish.Error}");
        }

        return (Path.Combine(output, "CrcBuildTools.Hashing.Arm64Runner"), publish.Elapsed);
    }
}
