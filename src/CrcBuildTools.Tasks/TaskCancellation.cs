using System;
using System.Threading;

namespace CrcBuildTools.Tasks;

/// <summary>
/// Cancellation for an <see cref="Microsoft.Build.Framework.ICancelableTask"/>. MSBuild never disposes a task, so a
/// token source held in a field would never be disposed either; this one lives for one <c>Execute</c> and is disposed
/// when it ends. A <c>Cancel</c> that arrives before <c>Execute</c> starts (or after it ended) is remembered.
/// </summary>
internal sealed class TaskCancellation
{
    private readonly object _gate = new();
    private CancellationTokenSource? _source;
    private bool _cancelled;

    /// <summary>Starts the cancellation scope of one <c>Execute</c>; dispose it when <c>Execute</c> returns.</summary>
    public Scope Begin()
    {
        lock (_gate)
        {
            var source = new CancellationTokenSource();
            if (_cancelled)
            {
                source.Cancel();
            }

            _source = source;
            return new Scope(this, source);
        }
    }

    /// <summary>What <c>ICancelableTask.Cancel</c> calls: cancels the running scope, or the next one.</summary>
    public void Cancel()
    {
        lock (_gate)
        {
            _cancelled = true;
            _source?.Cancel();
        }
    }

    private void End(CancellationTokenSource source)
    {
        lock (_gate)
        {
            if (ReferenceEquals(_source, source))
            {
                _source = null;
            }
        }

        source.Dispose();
    }

    /// <summary>One <c>Execute</c>'s token; disposing it disposes the token source.</summary>
    internal readonly struct Scope : IDisposable
    {
        private readonly TaskCancellation _owner;
        private readonly CancellationTokenSource _source;

        internal Scope(TaskCancellation owner, CancellationTokenSource source)
        {
            _owner = owner;
            _source = source;
        }

        /// <summary>The token of this <c>Execute</c>.</summary>
        public CancellationToken Token => _source.Token;

        /// <summary>
        /// The source itself, for a listener that must cancel this <c>Execute</c> from elsewhere (a signal handler);
        /// it is disposed with the scope, so such a listener must not outlive it.
        /// </summary>
        public CancellationTokenSource Source => _source;

        /// <inheritdoc />
        public void Dispose() => _owner.End(_source);
    }
}
