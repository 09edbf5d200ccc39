using System;
using System.IO;

namespace CrcBuildTools.Cli;

/// <summary>Entry point: picks the command and turns its outcome into an exit code.</summary>
internal static class Program
{
    private static int Main(string[] args) => Run(args, Console.OpenStandardInput, Console.Out, Console.Error);

    /// <summary>Testable entry: the console streams are parameters so tests can run commands in-process.</summary>
    internal static int Run(string[] args, Func<Stream> openStdin, TextWriter stdout, TextWriter stderr)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            stdout.Write(Usage.Text);
            return args.Length == 0 ? ExitCodes.UsageError : ExitCodes.Success;
        }

        string[] rest = args.AsSpan(1).ToArray();
        try
        {
            return args[0] switch
            {
                "hash" => HashCommand.Run(rest, openStdin, stdout, stderr),
                "verify" => VerifyCommand.Run(rest, stdout, stderr),
                "--version" => PrintVersion(stdout),
                _ => UnknownCommand(args[0], stderr),
            };
        }
        catch (UsageException e)
        {
            stderr.WriteLine($"crc64xz: {e.Message}");
            stderr.WriteLine("Run 'crc64xz --help' for usage.");
            return ExitCodes.UsageError;
        }
    }

    private static int PrintVersion(TextWriter stdout)
    {
        stdout.WriteLine(typeof(Program).Assembly.GetName().Version?.ToString(3) ?? "unknown");
        return ExitCodes.Success;
    }

    private static int UnknownCommand(string command, TextWriter stderr)
    {
        stderr.WriteLine($"crc64xz: unknown command '{command}'. Commands: hash, verify. Run 'crc64xz --help' for usage.");
        return ExitCodes.UsageError;
    }
}
