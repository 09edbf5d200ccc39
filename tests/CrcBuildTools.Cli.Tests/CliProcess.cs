using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Xunit;

namespace CrcBuildTools.Cli.Tests;

/// <summary>
/// Runs the real crc64xz executable as a separate process, as a user's shell does, and checks what every run must
/// satisfy whatever the input: it ends (a hang is a failure), its exit code is a documented one, and neither stream
/// holds an unhandled exception, a stack trace or the last-resort internal error.
/// </summary>
internal sealed record CliProcess(int ExitCode, string StdOut, string StdErr)
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(120);
    private static readonly Regex StackFrame = new(@"^\s+at \S+.*\(", RegexOptions.Multiline);

    /// <summary>The apphost beside the test assembly (the Cli project reference copies it there).</summary>
    public static string Executable { get; } = Path.Combine(AppContext.BaseDirectory, "crc64xz");

    public string[] StdOutLines => StdOut.Length == 0 ? Array.Empty<string>() : StdOut.TrimEnd('\n').Split('\n');

    public string[] StdErrLines => StdErr.Length == 0 ? Array.Empty<string>() : StdErr.TrimEnd('\n').Split('\n');

    /// <summary>Runs <c>crc64xz ARGS</c> in <paramref name="workingDirectory"/>, feeding <paramref name="stdin"/>.</summary>
    public static CliProcess Run(string workingDirectory, byte[]? stdin, params string[] args)
    {
        var start = new ProcessStartInfo(Executable) { WorkingDirectory = workingDirectory };
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return Start(start, stdin);
    }

    /// <summary>
    /// Runs <c>/bin/sh -c SCRIPT</c> with <c>$CLI</c> set to the executable: the only way to hand the program argument
    /// bytes that are not valid UTF-8, which .NET's own process API cannot express.
    /// </summary>
    public static CliProcess Shell(string workingDirectory, string script, byte[]? stdin = null)
    {
        var start = new ProcessStartInfo("/bin/sh") { WorkingDirectory = workingDirectory };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        start.Environment["CLI"] = Executable;
        return Start(start, stdin);
    }

    /// <summary>Starts the process and hands it to <paramref name="whileRunning"/> before collecting it (for signals).</summary>
    public static CliProcess RunWhile(string workingDirectory, Action<Process> whileRunning, params string[] args)
    {
        var start = new ProcessStartInfo(Executable) { WorkingDirectory = workingDirectory };
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return Start(start, null, whileRunning);
    }

    private static CliProcess Start(ProcessStartInfo start, byte[]? stdin, Action<Process>? whileRunning = null)
    {
        start.RedirectStandardInput = true;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        start.Environment["DOTNET_CLI_UI_LANGUAGE"] = "en";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("cannot start " + start.FileName);
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        Task feed = Task.Run(() =>
        {
            try
            {
                if (stdin is not null)
                {
                    process.StandardInput.BaseStream.Write(stdin, 0, stdin.Length);
                }

                process.StandardInput.Close();
            }
            catch (IOException)
            {
                // The program may exit without reading its input.
            }
        });
        whileRunning?.Invoke(process);
        if (!process.WaitForExit(Limit))
        {
            process.Kill(entireProcessTree: true);
            throw new Xunit.Sdk.XunitException($"'{string.Join(' ', start.ArgumentList)}' did not finish within {Limit}: it hangs");
        }

        feed.Wait(Limit);
        var run = new CliProcess(process.ExitCode, stdout.Result, stderr.Result);
        run.AssertNoCrash(string.Join(' ', start.ArgumentList));
        return run;
    }

    /// <summary>The bar for every run: a documented exit code, and no crash of any kind in either stream.</summary>
    public void AssertNoCrash(string what)
    {
        string both = StdOut + "\n" + StdErr;
        Assert.True(ExitCode is 0 or 1 or 2 or 130, $"{what}: exit code {ExitCode}\n{both}");
        Assert.False(both.Contains("Unhandled exception", StringComparison.OrdinalIgnoreCase), $"{what}: unhandled exception\n{both}");
        Assert.False(StackFrame.IsMatch(both), $"{what}: a stack trace\n{both}");
        Assert.False(both.Contains("CRC1039", StringComparison.Ordinal), $"{what}: the last-resort guard caught a failure that has no code of its own\n{both}");
    }

    public static string Decimal(ulong crc) => crc.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    public string Describe() => $"exit {ExitCode}\nstdout:\n{StdOut}\nstderr:\n{StdErr}";

    public static string[] NonEmpty(string[] lines) => lines.Where(l => l.Length > 0).ToArray();
}
