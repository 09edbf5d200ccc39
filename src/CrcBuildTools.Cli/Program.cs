using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;
using CrcBuildTools.Cli.Names;
using CrcBuildTools.Manifests;

namespace CrcBuildTools.Cli;

/// <summary>Entry point: picks the command and turns its outcome into an exit code.</summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        using var cancellation = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            // The first Ctrl+C stops the work between reads; a second one (a read blocked on a pipe) ends the process.
            if (!cancellation.IsCancellationRequested)
            {
                e.Cancel = true;
                cancellation.Cancel();
            }
        };

        // SIGTERM (docker stop, a CI cancel) cancels like Ctrl+C: a download leaves DEST as it was and resumes later.
        using PosixSignalRegistration terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            cancellation.Cancel();
        });
        return Run(RawArguments.Resolve(args), Console.OpenStandardInput, Console.Out, Console.Error, Environment.GetEnvironmentVariable, cancellation.Token);
    }

    /// <summary>Testable entry: the console streams are parameters so tests can run commands in-process.</summary>
    internal static int Run(string[] args, Func<Stream> openStdin, TextWriter stdout, TextWriter stderr) =>
        Run(args, openStdin, stdout, stderr, Environment.GetEnvironmentVariable, CancellationToken.None);

    /// <summary>Testable entry with the environment (credentials) and cancellation as parameters too.</summary>
    internal static int Run(string[] args, Func<Stream> openStdin, TextWriter stdout, TextWriter stderr, Func<string, string?> environment, CancellationToken cancellation) =>
        Run(Array.ConvertAll(args, a => new InputName(a)), openStdin, stdout, stderr, environment, cancellation);

    internal static int Run(InputName[] args, Func<Stream> openStdin, TextWriter stdout, TextWriter stderr, Func<string, string?> environment, CancellationToken cancellation)
    {
        if (args.Length == 0 || args[0].Text is "-h" or "--help" or "help")
        {
            stdout.Write(Usage.Text);
            return args.Length == 0 ? ExitCodes.UsageError : ExitCodes.Success;
        }

        var context = new CliContext(args.AsSpan(1).ToArray(), openStdin, stdout, stderr, environment, cancellation);
        try
        {
            return args[0].Text switch
            {
                "hash" => HashCommand.Run(context),
                "verify" => VerifyCommand.Run(context),
                "download" => DownloadCommand.Run(context.TextArguments, stdout, stderr, environment, cancellation),
                "audit" => AuditCommand.Run(context.TextArguments, stdout, stderr, environment, cancellation),
                "cleanup" => CleanupCommand.Run(context.TextArguments, stdout, stderr, environment, cancellation),
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
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            stderr.WriteLine("crc64xz: cancelled (Ctrl+C or SIGTERM); the results above are complete, the rest was not checked.");
            return ExitCodes.Cancelled;
        }
        catch (Exception e)
        {
            // Last resort only: every expected failure has its own code where it happens. No stack trace is printed.
            CliContext.WriteError(stderr, Crc64ErrorCodes.InternalError, $"unexpected {e.GetType().Name}: {DisplayText.Of(e.Message)} This is a bug in crc64xz; please report it with the command line.");
            return ExitCodes.Failure;
        }
    }

    private static int PrintVersion(TextWriter stdout)
    {
        stdout.WriteLine(typeof(Program).Assembly.GetName().Version?.ToString(3) ?? "unknown");
        return ExitCodes.Success;
    }

    private static int UnknownCommand(InputName command, TextWriter stderr)
    {
        stderr.WriteLine($"crc64xz: unknown command '{command.ForMessage()}'. Commands: hash, verify, download, audit, cleanup. Run 'crc64xz --help' for usage.");
        return ExitCodes.UsageError;
    }
}
