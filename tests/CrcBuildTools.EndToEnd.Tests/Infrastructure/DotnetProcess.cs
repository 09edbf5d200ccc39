using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Text;

namespace CrcBuildTools.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Runs the dotnet CLI as a user would, in a clean environment: the MSBuild variables that <c>dotnet test</c> sets
/// for its own build are removed, so the child finds its SDK by itself; node reuse is off, so no build server keeps
/// the package's task dll locked after the test.
/// </summary>
public static class DotnetProcess
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    /// <summary>Runs <c>dotnet</c> and waits for it.</summary>
    /// <param name="workingDirectory">Where to run.</param>
    /// <param name="arguments">The arguments; each is quoted as needed.</param>
    /// <param name="environment">Extra variables (for example NUGET_PACKAGES).</param>
    /// <param name="binaryLog">Where to write a binlog, or <see langword="null"/> for none; deleted on success.</param>
    /// <returns>The result.</returns>
    public static DotnetResult Run(string workingDirectory, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string>? environment = null, string? binaryLog = null)
    {
        List<string> all = WithMSBuildSwitches(arguments, binaryLog);
        ProcessStartInfo start = StartInfo("dotnet", workingDirectory, all, environment);
        var output = new StringBuilder();
        var watch = Stopwatch.StartNew();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"'dotnet {string.Join(' ', all)}' did not finish within {Timeout}.\n{output}");
        }

        process.WaitForExit(); // flushes the asynchronous readers
        string text;
        lock (output)
        {
            text = output.ToString();
        }

        string? keptLog = binaryLog;
        if (process.ExitCode == 0 && binaryLog is not null)
        {
            System.IO.File.Delete(binaryLog);
            keptLog = null;
        }

        return new DotnetResult(string.Join(' ', all), process.ExitCode, text, keptLog, watch.Elapsed);
    }

    /// <summary>The arguments plus, for MSBuild commands, no node reuse, no terminal logger, no logo, and the binlog.</summary>
    internal static List<string> WithMSBuildSwitches(IReadOnlyList<string> arguments, string? binaryLog)
    {
        var all = arguments.ToList();
        bool isMSBuildCommand = all.Count > 0 && all[0] is "build" or "publish" or "pack" or "msbuild" or "restore" or "run";
        if (isMSBuildCommand)
        {
            all.AddRange(new[] { "-nodeReuse:false", "-tl:off", "-nologo" });
            if (binaryLog is not null)
            {
                all.Add("-bl:" + binaryLog);
            }
        }

        return all;
    }

    /// <summary>How every process of these tests starts: the clean environment described above plus <paramref name="environment"/>.</summary>
    internal static ProcessStartInfo StartInfo(string fileName, string workingDirectory, IReadOnlyList<string> all, IReadOnlyDictionary<string, string>? environment)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in all)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (string key in start.Environment.Keys.ToList())
        {
            if (key.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase) || key is "DOTNET_HOST_PATH" or "VSTEST_HOST_DEBUG")
            {
                start.Environment.Remove(key);
            }
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        start.Environment["DOTNET_CLI_UI_LANGUAGE"] = "en";
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["NUGET_XMLDOC_MODE"] = "skip";
        foreach (KeyValuePair<string, string> pair in environment ?? new Dictionary<string, string>())
        {
            start.Environment[pair.Key] = pair.Value;
        }

        return start;
    }

    internal static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.Append(line).Append('\n');
        }
    }
}
