using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;

namespace CrcBuildTools.Cli;

/// <summary>Entry point: picks the command and turns its outcome into an exit code.</summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        // Ctrl+C and SIGTERM (docker stop, CI cancel) both cancel: a download leaves DEST as it was and resumes later.
        using var cancellation = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancellation.Cancel();
        };
        using PosixSignalRegistration terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            cancellation.Cancel();
        });
        return Run(args, Console.OpenStandardInput, Console.Out, Console.Error, Environment.GetEnvironmentVariable, cancellation.Token);
    }

    /// <summary>Testable entry: the console streams and the environment are parameters so tests can run commands in-process.</summary>
    internal static int Run(string[] args, Func<Stream> openStdin, TextWriter stdout, TextWriter stderr) =>
        Run(args, openStdin, stdout, stderr, Environment.GetEnvironmentVariable, CancellationToken.None);

    internal static int Run(
        string[] args, Func<Stream> openStdin, TextWriter stdout, TextWriter stderr, Func<string, string?> environment, CancellationToken cancellationToken)
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
                "download" => DownloadCommand.Run(rest, stdout, stderr, environment, cancellationToken),
                "audit" => AuditCommand.Run(rest, stdout, stderr, environment, cancellationToken),
                "cleanup" => CleanupCommand.Run(rest, stdout, stderr, environment, cancellationToken),
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
        stderr.WriteLine($"crc64xz: unknown command '{OutputText.Printable(command)}'. Commands: hash, verify, download, audit, cleanup. Run 'crc64xz --help' for usage.");
        return ExitCodes.UsageError;
    }
}
