using System;
using System.Threading;
#if NET6_0_OR_GREATER
using System.Runtime.InteropServices;
#endif

namespace CrcBuildTools.Tasks;

/// <summary>
/// While the upload runs, SIGTERM (docker stop, Kubernetes, a CI job's timeout) is turned into the same
/// cancellation as Ctrl+C: open multipart uploads are aborted, no manifest is uploaded, and the task fails with
/// CRC3090, so the build exits non-zero. Without this, .NET's default for SIGTERM ends MSBuild at once with exit code
/// 0 and leaves the uploads open. Outside the upload (dispose ends the window) MSBuild's own behaviour stands.
/// SIGINT is not touched: MSBuild already turns Ctrl+C into <c>ICancelableTask.Cancel</c>.
/// On .NET Framework (Visual Studio's MSBuild, net472) there is no PosixSignalRegistration and no SIGTERM; there the
/// cancel of Visual Studio or of MSBuild.exe reaches the task through <c>ICancelableTask.Cancel</c> as before.
/// </summary>
internal sealed class TerminationSignal : IDisposable
{
#if NET6_0_OR_GREATER
    private readonly PosixSignalRegistration? _registration;
#endif
    private int _received;

    private TerminationSignal(CancellationTokenSource cancellation)
    {
#if NET6_0_OR_GREATER
        try
        {
            _registration = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
            {
                // Keep the process alive until the aborts are sent and the error is logged; the build then fails.
                context.Cancel = true;
                Interlocked.Exchange(ref _received, 1);
                cancellation.Cancel();
            });
        }
        catch (PlatformNotSupportedException)
        {
            // A platform without signals: cancellation still comes through ICancelableTask.Cancel.
        }
#else
        _ = cancellation;
#endif
    }

    /// <summary>True once SIGTERM arrived while listening.</summary>
    public bool Received => Volatile.Read(ref _received) == 1;

    /// <summary>Starts listening: SIGTERM cancels <paramref name="cancellation"/> until this is disposed.</summary>
    public static TerminationSignal Listen(CancellationTokenSource cancellation) => new(cancellation);

    /// <inheritdoc />
    public void Dispose()
    {
#if NET6_0_OR_GREATER
        _registration?.Dispose();
#endif
    }
}
