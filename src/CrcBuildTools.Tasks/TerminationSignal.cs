using System;
using System.Threading;
#if NET6_0_OR_GREATER
using System.Runtime.InteropServices;
#endif

namespace CrcBuildTools.Tasks;

/// <summary>
/// While the upload runs, SIGTERM (docker stop, Kubernetes, a CI job's timeout) is turned into the same
/// cancellation as Ctrl+C: open multipart uploads are aborted, no manifest is uploaded, the task fails with CRC3090,
/// and the process exits non-zero. Outside the upload (dispose ends the window) MSBuild's own behaviour stands.
/// SIGINT is not touched: MSBuild already turns Ctrl+C into <c>ICancelableTask.Cancel</c>.
/// </summary>
/// <remarks>
/// Cancelling the signal is not enough under <c>dotnet publish</c>: once the signal handlers have run, the dotnet
/// host ends the process with <c>Environment.Exit(0)</c> (measured with SDK 10.0.401), which is why a terminated
/// publish used to "succeed" in 0.1 s. So the handler holds the signal until the task has aborted the uploads and
/// logged its error (at most <see cref="CleanupAllowance"/>, inside docker stop's 10 s), and a ProcessExit handler
/// turns the host's exit code 0 into 143 (128 + SIGTERM), so that no CI system reads the kill as a success.
/// On .NET Framework (Visual Studio's MSBuild, net472) there is no PosixSignalRegistration and no SIGTERM; there the
/// cancel of Visual Studio or of MSBuild.exe reaches the task through <c>ICancelableTask.Cancel</c> as before.
/// </remarks>
internal sealed class TerminationSignal : IDisposable
{
    /// <summary>How long the signal is held for the aborts and the error (each abort has 5 s of its own).</summary>
    public static readonly TimeSpan CleanupAllowance = TimeSpan.FromSeconds(8);

    /// <summary>The conventional exit code of a process ended by SIGTERM.</summary>
    public const int ExitCodeAfterSigterm = 143;

    // Loggers write asynchronously; the host exits right after the handler returns.
    private static readonly TimeSpan LoggerFlush = TimeSpan.FromMilliseconds(500);

    private readonly CancellationTokenSource _cancellation;
    private readonly ManualResetEventSlim _windowClosed = new();
#if NET6_0_OR_GREATER
    private readonly PosixSignalRegistration? _registration;
#endif
    private int _received;

    private TerminationSignal(CancellationTokenSource cancellation)
    {
        _cancellation = cancellation;
#if NET6_0_OR_GREATER
        try
        {
            _registration = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnTerminate);
            AppDomain.CurrentDomain.ProcessExit += OnProcessExit;
        }
        catch (PlatformNotSupportedException)
        {
            // A platform without signals: cancellation still comes through ICancelableTask.Cancel.
        }
#endif
    }

    /// <summary>True once SIGTERM arrived while listening.</summary>
    public bool Received => Volatile.Read(ref _received) == 1;

    /// <summary>Starts listening: SIGTERM cancels <paramref name="cancellation"/> until this is disposed.</summary>
    public static TerminationSignal Listen(CancellationTokenSource cancellation) => new(cancellation);

    /// <summary>Ends the window; call it after the task has logged its outcome, so a held signal can go on.</summary>
    public void Dispose()
    {
#if NET6_0_OR_GREATER
        _registration?.Dispose();
        if (!Received)
        {
            AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
        }
#endif
        _windowClosed.Set();
    }

#if NET6_0_OR_GREATER
    private void OnTerminate(PosixSignalContext context)
    {
        context.Cancel = true;
        Interlocked.Exchange(ref _received, 1);
        _cancellation.Cancel();
        if (_windowClosed.Wait(CleanupAllowance))
        {
            Thread.Sleep(LoggerFlush);
        }
    }

    private void OnProcessExit(object? sender, EventArgs e)
    {
        // The process is ending while the upload runs (the host's reaction to SIGTERM): finish the aborts first.
        if (!_windowClosed.IsSet)
        {
            _cancellation.Cancel();
            _windowClosed.Wait(CleanupAllowance);
        }

        if (Received && Environment.ExitCode == 0)
        {
            Environment.ExitCode = ExitCodeAfterSigterm;
        }
    }
#endif
}
