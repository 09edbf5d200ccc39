using System;
using System.IO;
using System.Text;

namespace CrcBuildTools.Cli.Tests;

/// <summary>Runs the tool in-process with captured output, as a user would see it in a terminal.</summary>
internal sealed record CliRun(int ExitCode, string StdOut, string StdErr)
{
    public static CliRun Of(params string[] args) => WithStdin(Array.Empty<byte>(), args);

    public static CliRun WithStdin(byte[] stdin, params string[] args)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        int exitCode = Program.Run(args, () => new MemoryStream(stdin), stdout, stderr);
        return new CliRun(exitCode, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Runs a storage command with <paramref name="environment"/> as its only environment (credentials).</summary>
    public static CliRun WithEnvironment(System.Collections.Generic.IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        int exitCode = Program.Run(args, () => new MemoryStream(), stdout, stderr,
            name => environment.TryGetValue(name, out string? value) ? value : null, System.Threading.CancellationToken.None);
        return new CliRun(exitCode, stdout.ToString(), stderr.ToString());
    }

    public static byte[] Ascii(string text) => Encoding.ASCII.GetBytes(text);
}
