using System;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;

namespace CrcBuildTools.ObjectStorage.Http;

/// <summary>
/// Full-jitter exponential backoff: the n-th wait is uniform in [0, min(cap, base * 2^(n-1))]. Jitter spreads the
/// retries of parallel parts and ranges so they do not hit a throttled service in lockstep. A <c>Retry-After</c> the
/// service sent wins over the computed wait (it knows better when it will have capacity), bounded by
/// <see cref="MaxServerDelay"/> so a hostile or broken proxy cannot park the client for hours. Delay and randomness
/// are injectable so tests run without waiting.
/// </summary>
internal sealed class RetryPolicy
{
    /// <summary>The longest <c>Retry-After</c> honoured; longer requests are cut to this.</summary>
    public static readonly TimeSpan MaxServerDelay = TimeSpan.FromSeconds(60);

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
    public TimeSpan ComputeDelay(int failedAttempt, TimeSpan? serverDelay = null)
    {
        if (serverDelay is TimeSpan asked)
        {
            return asked < TimeSpan.Zero ? TimeSpan.Zero : asked > MaxServerDelay ? MaxServerDelay : asked;
        }

        double ceiling = BaseDelay.Ticks * Math.Pow(2, Math.Min(failedAttempt - 1, 30));
        double capped = Math.Min(MaxDelay.Ticks, ceiling);
        return TimeSpan.FromTicks((long)(capped * NextRandom()));
    }

    /// <summary>
    /// Parses <c>Retry-After</c> (RFC 9110: delay-seconds or an HTTP-date); null when absent or unreadable.
    /// </summary>
    public static TimeSpan? ParseRetryAfter(string? value, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        string text = value!.Trim();
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long seconds))
        {
            return TimeSpan.FromSeconds(Math.Min(seconds, (long)MaxServerDelay.TotalSeconds));
        }

        return DateTimeOffset.TryParseExact(text, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset at)
            ? at - now
            : null;
    }
}
