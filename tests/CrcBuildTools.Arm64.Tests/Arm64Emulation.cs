using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;

namespace CrcBuildTools.Arm64.Tests;

/// <summary>
/// qemu-aarch64 user-mode emulation and the linux-arm64 runner it runs. <c>.ci/run</c> installs qemu-user-static and
/// the arm64 C library; where they truly cannot be had, every test of this leg is reported SKIPPED with this reason.
/// </summary>
internal static class Arm64Emulation
{
    public const string Qemu = "/usr/bin/qemu-aarch64-static";

    /// <summary>The arm64 dynamic loader and libraries that a self-contained .NET app still needs (glibc, libstdc++).</summary>
    public const string SysRoot = "/usr/aarch64-linux-gnu";

    /// <summary>Why the leg cannot run here, or <see langword="null"/> when it can.</summary>
    public static string? Unavailable { get; } =
        !OperatingSystem.IsLinux() ? "The ARM64 leg runs on Linux only (qemu user-mode emulation)." :
        System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture == System.Runtime.InteropServices.Architecture.Arm64 ? null :
        !File.Exists(Qemu) ? $"{Qemu} is missing: install qemu-user-static (.ci/run does)." :
        !File.Exists(Path.Combine(SysRoot, "lib", "ld-linux-aarch64.so.1")) ? $"{SysRoot} is missing: install libc6-arm64-cross libstdc++6-arm64-cross libgcc-s1-arm64-cross (.ci/run does)." :
        null;

    public static string RepositoryRoot { get; } = typeof(Arm64Emulation).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepositoryRoot").Value!;

    /// <summary>Runs a program built for linux-arm64: under qemu on other machines, directly on an ARM64 one.</summary>
    public static ProcessResult Run(string program, IEnumerable<string> arguments, IReadOnlyDictionary<string, string?>? environment = null, TimeSpan? timeout = null)
    {
        bool native = System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture == System.Runtime.InteropServices.Architecture.Arm64;
        var start = new ProcessStartInfo(native ? program : Qemu)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (!native)
        {
            start.ArgumentList.Add("-L");
            start.ArgumentList.Add(SysRoot);
            start.ArgumentList.Add(program);
        }

        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach ((string name, string? value) in environment ?? new Dictionary<string, string?>())
        {
            start.Environment[name] = value;
        }

        return ProcessResult.Run(start, timeout ?? TimeSpan.FromMinutes(5));
    }
}

/// <summary>A finished child process: exit code, output and how long it took.</summary>
public sealed record ProcessResult(int ExitCode, string Output, string Error, TimeSpan Elapsed)
{
    public static ProcessResult Run(ProcessStartInfo start, TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        using Process process = Process.Start(start) ?? throw new InvalidOperationException($"Cannot start {start.FileName}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{start.FileName} {string.Join(' ', start.ArgumentList)} did not finish within {timeout}.");
        }

        return new ProcessResult(process.ExitCode, stdout.Result, stderr.Result, watch.Elapsed);
    }

    public IEnumerable<string> Lines => Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
