using System.Diagnostics;
using Xunit.Abstractions;

namespace CrcBuildTools.EndToEnd.Tests.Infrastructure;

/// <summary>Runs a built or published app (not dotnet's CLI) and returns what it printed, echoing it to the test output.</summary>
public static class AppProcess
{
    /// <summary>Runs <paramref name="fileName"/> in <paramref name="workingDirectory"/> and waits for it.</summary>
    /// <param name="workingDirectory">Where to run.</param>
    /// <param name="output">The test's output, which receives everything the app printed.</param>
    /// <param name="fileName">The app, or <c>dotnet</c> with the dll as first argument.</param>
    /// <param name="arguments">Its arguments.</param>
    /// <returns>The exit code and stdout followed by stderr.</returns>
    public static (int ExitCode, string Output) Run(string workingDirectory, ITestOutputHelper output, string fileName, params string[] arguments)
    {
        var start = new ProcessStartInfo(fileName) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        string text = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        text += error.Result;
        output.WriteLine(text);
        return (process.ExitCode, text);
    }
}
