using System;
using Microsoft.Build.Framework;

namespace CrcBuildTools.Tasks;

/// <summary>
/// Gives the MSBuild node back while a task waits on something outside the build (<see cref="IBuildEngine3.Yield"/>)
/// and takes it again when disposed (<see cref="IBuildEngine3.Reacquire"/>). While yielded the node may build other
/// projects, which can change the current directory and environment: resolve everything that depends on them first.
/// An engine without <see cref="IBuildEngine3"/> (old hosts, simple test engines) simply keeps the node.
/// </summary>
internal readonly struct NodeYield : IDisposable
{
    private readonly IBuildEngine3? _engine;

    private NodeYield(IBuildEngine3? engine) => _engine = engine;

    /// <summary>Yields the node when the engine can.</summary>
    public static NodeYield Begin(IBuildEngine? engine)
    {
        if (engine is IBuildEngine3 yielding)
        {
            yielding.Yield();
            return new NodeYield(yielding);
        }

        return default;
    }

    /// <inheritdoc />
    public void Dispose() => _engine?.Reacquire();
}
