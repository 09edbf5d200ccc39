using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;

namespace CrcBuildTools.EndToEnd.Tests.Infrastructure;

/// <summary>
/// A <c>dotnet</c> command left running so a test can interrupt it the ways the world does: SIGTERM (docker stop,
/// Kubernetes, a CI timeout) to the dotnet process, SIGKILL to the whole tree (a crash, OOM kill, power loss), or
/// Ctrl+C typed on a terminal. A terminal's Ctrl+C is not a signal sent by a parent: the pseudo-terminal's line
/// discipline turns the byte 0x03 into SIGINT for its whole foreground process group (dotnet and any MSBuild nodes).
/// So in terminal mode the command runs under a pseudo-terminal (python3's pty module), and <see cref="PressCtrlC"/>
/// types 0x03 into it. (A plain background child would not do: non-interactive shells start background jobs with
/// SIGINT ignored.)
/// </summary>
public sealed class RunningPublish : IDisposable
{
    // Runs argv[2:] on a new pseudo-terminal, copies what it prints to stdout, types Ctrl+C when the file argv[1]
    // appears, and exits with the command's exit status (128 + signal number when a signal ended it).
    private const string PtyScript = """
        import os, pty, select, signal, sys
        trigger, argv = sys.argv[1], sys.argv[2:]
        pid, fd = pty.fork()
        if pid == 0:
            os.execvp(argv[0], argv)
        typed = False
        while True:
            if not typed and os.path.exists(trigger):
                os.write(fd, b"\x03")
                typed = True
            ready, _, _ = select.select([fd], [], [], 0.05)
            if fd in ready:
                try:
                    data = os.read(fd, 65536)
                except OSError:
                    break
                if not data:
                    break
                sys.stdout.buffer.write(data)
                sys.stdout.buffer.flush()
        _, status = os.waitpid(pid, 0)
        sys.exit(os.WEXITSTATUS(status) if os.WIFEXITED(status) else 128 + os.WTERMSIG(status))
        """;

    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly string? _ctrlCTrigger;
    private readonly string _commandLine;

    private RunningPublish(Process process, string commandLine, string? ctrlCTrigger)
    {
        _process = process;
        _commandLine = commandLine;
        _ctrlCTrigger = ctrlCTrigger;
    }

    /// <summary>The output so far (stdout and stderr; through the terminal in terminal mode).</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts <c>dotnet</c> with the e2e tests' clean environment.</summary>
    /// <param name="workingDirectory">Where to run.</param>
    /// <param name="arguments">The dotnet arguments.</param>
    /// <param name="environment">Extra variables (package cache, credentials).</param>
    /// <param name="onTerminal">Run it on a pseudo-terminal, so that <see cref="PressCtrlC"/> works as a user's Ctrl+C.</param>
    /// <returns>The running command.</returns>
    public static RunningPublish Start(string workingDirectory, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment, bool onTerminal = false)
    {
        List<string> all = DotnetProcess.WithMSBuildSwitches(arguments, binaryLog: null);
        string? trigger = null;
        ProcessStartInfo start;
        if (onTerminal)
        {
            string script = Path.Combine(workingDirectory, "pty-run.py");
            File.WriteAllText(script, PtyScript.Replace("\r", "", StringComparison.Ordinal) + "\n");
            trigger = Path.Combine(workingDirectory, "press-ctrl-c");
            start = DotnetProcess.StartInfo("python3", workingDirectory, new[] { script, trigger, "dotnet" }.Concat(all).ToList(), environment);
        }
        else
        {
            start = DotnetProcess.StartInfo("dotnet", workingDirectory, all, environment);
        }

        var process = new Process { StartInfo = start };
        var running = new RunningPublish(process, "dotnet " + string.Join(' ', all), trigger);
        process.OutputDataReceived += (_, e) => DotnetProcess.Append(running._output, e.Data);
        process.ErrorDataReceived += (_, e) => DotnetProcess.Append(running._output, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return running;
    }

    /// <summary>Waits (polling) until <paramref name="condition"/> holds; fails with the output if the command ends first or time runs out.</summary>
    /// <param name="condition">What to wait for, typically a state of the emulator.</param>
    /// <param name="what">For the failure message.</param>
    /// <param name="timeout">How long at most.</param>
    /// <returns>A task.</returns>
    public async Task WaitUntilAsync(Func<bool> condition, string what, TimeSpan timeout)
    {
        var waited = Stopwatch.StartNew();
        while (!condition())
        {
            if (_process.HasExited || waited.Elapsed > timeout)
            {
                throw new Xunit.Sdk.XunitException($"'{_commandLine}' never reached '{what}' (exited: {_process.HasExited}).\n{Tail(Output)}");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Sends <c>kill -TERM</c> to the dotnet process only, as docker stop and Kubernetes do to a container's main process.</summary>
    public void Terminate() => Kill("-TERM", _process.Id);

    /// <summary>SIGKILL to dotnet and every process it started: nothing runs a handler, nothing is cleaned up.</summary>
    public void KillEverything() => _process.Kill(entireProcessTree: true);

    /// <summary>Types Ctrl+C on the command's terminal (terminal mode only).</summary>
    public void PressCtrlC() => File.WriteAllText(_ctrlCTrigger ?? throw new InvalidOperationException("not started on a terminal"), "");

    /// <summary>Waits for the exit; fails when it does not come within <paramref name="timeout"/>.</summary>
    /// <param name="timeout">How long at most.</param>
    /// <returns>The result, with <see cref="DotnetResult.Elapsed"/> measured from the call.</returns>
    public DotnetResult WaitForExit(TimeSpan timeout)
    {
        var waited = Stopwatch.StartNew();
        if (!_process.WaitForExit(timeout))
        {
            _process.Kill(entireProcessTree: true);
            throw new Xunit.Sdk.XunitException($"'{_commandLine}' did not exit within {timeout.TotalSeconds} s.\n{Tail(Output)}");
        }

        _process.WaitForExit();
        return new DotnetResult(_commandLine, _process.ExitCode, Output, null, waited.Elapsed);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }

    private static void Kill(string signal, int pid)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", signal + " " + pid) { UseShellExecute = false })!;
        kill.WaitForExit();
    }

    private static string Tail(string text) => string.Join("\n", text.Split('\n').TakeLast(60));
}
