using System;
using System.Linq;

namespace CrcBuildTools.EndToEnd.Tests.Infrastructure;

/// <summary>The outcome of one dotnet invocation, with the binlog kept when it failed.</summary>
/// <param name="Arguments">The command line, for messages.</param>
/// <param name="ExitCode">The process exit code.</param>
/// <param name="Output">Standard output and error, interleaved as received.</param>
/// <param name="BinaryLog">The binlog path when one was kept, else <see langword="null"/>.</param>
/// <param name="Elapsed">Wall time.</param>
public sealed record DotnetResult(string Arguments, int ExitCode, string Output, string? BinaryLog, TimeSpan Elapsed)
{
    /// <summary>Throws with the tail of the output and the binlog path unless the command succeeded.</summary>
    /// <returns>This result, for chaining.</returns>
    public DotnetResult AssertSuccess()
    {
        if (ExitCode != 0)
        {
            throw new Xunit.Sdk.XunitException($"'dotnet {Arguments}' exited with {ExitCode}. Binlog: {BinaryLog ?? "(none)"}\n{Tail(Output, 80)}");
        }

        return this;
    }

    /// <summary>Throws unless the command failed.</summary>
    /// <returns>This result, for chaining.</returns>
    public DotnetResult AssertFailure()
    {
        if (ExitCode == 0)
        {
            throw new Xunit.Sdk.XunitException($"'dotnet {Arguments}' succeeded but was expected to fail.\n{Tail(Output, 40)}");
        }

        return this;
    }

    private static string Tail(string text, int lines) => string.Join("\n", text.Split('\n').TakeLast(lines));
}
