using System;
using Microsoft.Build.Framework;

namespace CrcBuildTools.Tasks;

/// <summary>
/// Asks MSBuild how many cores a parallel piece of work may use (<see cref="IBuildEngine9.RequestCores"/>) and gives
/// them back when disposed. Under <c>-m</c> every node runs its own task, so "one worker per core" in each of them
/// would oversubscribe the machine by the node count; the engine's answer keeps the whole build at one worker per core.
/// An engine without the call (older hosts, simple test engines) gets what was asked for.
/// </summary>
internal readonly struct CoreReservation : IDisposable
{
    private readonly IBuildEngine9? _engine;
    private readonly int _granted;

    private CoreReservation(IBuildEngine9? engine, int granted, int workers)
    {
        _engine = engine;
        _granted = granted;
        Workers = workers;
    }

    /// <summary>How many workers to run: what the engine granted, at least one.</summary>
    public int Workers { get; }

    /// <summary>Requests <paramref name="wanted"/> cores (one is the task's own); one or fewer asks nothing.</summary>
    public static CoreReservation Request(IBuildEngine? engine, int wanted)
    {
        if (wanted <= 1 || engine is not IBuildEngine9 resources)
        {
            return new CoreReservation(null, 0, Math.Max(1, wanted));
        }

        int granted;
        try
        {
            granted = resources.RequestCores(wanted);
        }
        catch (NotImplementedException)
        {
            // Hosts that implement the interface without the resource manager (some IDE and test hosts).
            return new CoreReservation(null, 0, wanted);
        }

        return new CoreReservation(resources, granted, Math.Max(1, Math.Min(wanted, granted)));
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_engine is not null && _granted > 0)
        {
            _engine.ReleaseCores(_granted);
        }
    }
}
