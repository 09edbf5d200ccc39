using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using CrcBuildTools.EndToEnd.Tests.Infrastructure;

namespace CrcBuildTools.EndToEnd.Tests.Mono;

/// <summary>
/// The Mono leg's plumbing: mono itself, tests/CrcBuildTools.MonoHarness built for net472, and the packed nupkg's
/// tasks/net472/ folder extracted as MSBuild would find it. Each <see cref="Run"/> is one mono process executing a
/// script of task calls (see the harness's Program.cs) and returns the lines it printed.
/// </summary>
internal static class MonoTaskHost
{
    private static readonly object Gate = new();
    private static string? s_harness;

    /// <summary>Why the leg cannot run here, or <see langword="null"/>. .ci/run installs mono-complete.</summary>
    public static string? Unavailable { get; } = FindMono() is null ? "mono is not installed: install mono-complete (.ci/run does)." : null;

    /// <summary>How long building the harness took (once per run), for the leg's timing report.</summary>
    public static TimeSpan HarnessBuildTime { get; private set; }

    /// <summary>Extracts tasks/net472/ of the packed CrcBuildTools nupkg into <paramref name="folder"/>; returns the task dll.</summary>
    public static string ExtractTasks(PackagedFeedFixture feed, string folder)
    {
        string package = Path.Combine(feed.FeedDirectory, $"CrcBuildTools.{PackagedFeedFixture.PackageVersion}.nupkg");
        using ZipArchive zip = ZipFile.OpenRead(package);
        foreach (ZipArchiveEntry entry in zip.Entries.Where(e => e.FullName.StartsWith("tasks/net472/", StringComparison.Ordinal)))
        {
            Directory.CreateDirectory(folder);
            entry.ExtractToFile(Path.Combine(folder, entry.Name), overwrite: true);
        }

        return Path.Combine(folder, "CrcBuildTools.Tasks.dll");
    }

    /// <summary>Runs <paramref name="script"/> (tab-separated lines) under mono against <paramref name="tasksDll"/>.</summary>
    public static MonoRun Run(string tasksDll, IEnumerable<string[]> script, IReadOnlyDictionary<string, string>? environment = null)
    {
        string scriptFile = Path.Combine(Path.GetDirectoryName(tasksDll)!, "script-" + Guid.NewGuid().ToString("N") + ".txt");
        File.WriteAllLines(scriptFile, script.Select(fields => string.Join("\t", fields)), new UTF8Encoding(false));
        var start = new ProcessStartInfo(FindMono()!) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, StandardOutputEncoding = Encoding.UTF8 };
        start.ArgumentList.Add(Harness());
        start.ArgumentList.Add(tasksDll);
        start.ArgumentList.Add(scriptFile);
        foreach ((string name, string value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var watch = Stopwatch.StartNew();
        using Process process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("The mono harness did not finish within 5 minutes.\n" + stdout);
        }

        return new MonoRun(process.ExitCode, stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r').Split('\t')).ToList(), stdout + stderr.Result, watch.Elapsed);
    }

    private static string Harness()
    {
        lock (Gate)
        {
            if (s_harness is null)
            {
                string artifacts = Path.Combine(RepositoryPaths.Root, "artifacts", "mono");
                string output = Path.Combine(artifacts, "harness");
                DotnetResult build = DotnetProcess.Run(RepositoryPaths.Root, new[]
                {
                    "build", "tests/CrcBuildTools.MonoHarness/CrcBuildTools.MonoHarness.csproj", "-c", "Release",
                    "-o", output, "--artifacts-path", Path.Combine(artifacts, "build"),
                });
                build.AssertSuccess();
                HarnessBuildTime = build.Elapsed;
                s_harness = Path.Combine(output, "CrcBuildTools.MonoHarness.exe");
            }

            return s_harness;
        }
    }

    private static string? FindMono() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(dir => Path.Combine(dir, "mono"))
            .FirstOrDefault(File.Exists);
}

/// <summary>What one harness process printed, split into tab-separated fields.</summary>
internal sealed record MonoRun(int ExitCode, IReadOnlyList<string[]> Lines, string Text, TimeSpan Elapsed)
{
    public IEnumerable<string[]> Kind(string kind) => Lines.Where(l => l[0] == kind);

    /// <summary>The task's result line: True or False.</summary>
    public bool Succeeded(string task) => Lines.Single(l => l[0] == "result" && l[1] == task)[2] == "True";

    public string Output(string task, string parameter) => Lines.Single(l => l[0] == "output" && l[1] == task && l[2] == parameter)[3];
}
