using System;
using System.IO;
using System.Threading;
using CrcBuildTools.Cli.Names;
using CrcBuildTools.Manifests;

namespace CrcBuildTools.Cli;

/// <summary>What a command runs with: the console streams, the arguments (with their raw bytes where it matters), Ctrl+C.</summary>
/// <param name="Arguments">The command's own arguments (the command name removed).</param>
/// <param name="OpenStdin">Opens standard input, for <c>hash -</c>.</param>
/// <param name="Stdout">Results.</param>
/// <param name="Stderr">Errors and progress.</param>
/// <param name="Environment">Reads an environment variable (credentials for the storage commands).</param>
/// <param name="Cancellation">Signalled by Ctrl+C or SIGTERM.</param>
internal sealed record CliContext(
    InputName[] Arguments, Func<Stream> OpenStdin, TextWriter Stdout, TextWriter Stderr, Func<string, string?> Environment, CancellationToken Cancellation)
{
    /// <summary>The arguments as text, for commands whose operands are URLs and folders rather than names to hash.</summary>
    public string[] TextArguments => Array.ConvertAll(Arguments, a => a.Text);

    /// <summary>Writes one error line, <c>crc64xz: error CRCnnnn: message</c>.</summary>
    public void Error(string code, string message) => WriteError(Stderr, code, message);

    /// <summary>
    /// The one shape of every coded error the CLI prints: <c>crc64xz: error CRCnnnn: message</c>, the message made
    /// printable (names in it may come from a bucket someone else controls). Messages never carry their code themselves.
    /// </summary>
    public static void WriteError(TextWriter stderr, string code, string message) =>
        stderr.WriteLine("crc64xz: error " + code + ": " + DisplayText.OfLines(message));
}
