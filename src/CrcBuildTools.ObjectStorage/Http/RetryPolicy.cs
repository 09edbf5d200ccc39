using System;
using System.Threading;
using System.Threading.Tasks;

namespace CrcBuildTools.ObjectStorage.Http;

/// <summary>
/// Full-jitter exponential backoff: the n-th wait is uniform in [0, min(cap, base * 2^(n-1))]. Jitter spreads the
/// retries of parallel parts so they do not hit a throttled service in lockstep. Delay and randomness are
/// injectable so tests run without waiting.
/// </summary>
internal sealed class RetryPolicy
{
    private static readonly Random SharedRandom = new();

    public RetryPolicy(int maxAttempts, TimeSpan baseDelay, TimeSpan maxDelay)
    {
        MaxAttempts = maxAttempts;
        BaseDelay = baseDelay;
        MaxDelay = maxDelay;
    }

    public int MaxAttempts { get; }

    public TimeSpan BaseDelay { get; }

    public TimeSpan MaxDelay { get; }

    /// <summary>Returns a number in [0, 1).</summary>
    public Func<double> NextRandom { get; set; } = () =>
    {
        lock (SharedRandom)
        {
            return SharedRandom.NextDouble();
        }
    };

    public Func<TimeSpan, CancellationToken, Task> Delay { get; set; } = Task.Delay;

    /// <summary>The wait after failed attempt number <paramref name="failedAttempt"/> (1-based).</summary>
    public TimeSpan ComputeDelay(int failedAttempt)
    {
        double ceiling = BaseDelay.Ticks * Math.Pow(2, Math.Min(failedAttempt - 1, 30));
        double capped = Math.Min(MaxDelay.Ticks, ceiling);
        return TimeSpan.FromTicks((long)(capped * NextRandom()));
    }
}
