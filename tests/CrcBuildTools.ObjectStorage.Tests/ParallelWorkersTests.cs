using System;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using CrcBuildTools.ObjectStorage.Http;
using Xunit;

namespace CrcBuildTools.ObjectStorage.Tests;

/// <summary>What surfaces from the workers is the real failure, with the stack of the worker that threw it.</summary>
public sealed class ParallelWorkersTests
{
    [Fact]
    public async Task The_first_real_failure_surfaces_with_its_own_stack_not_a_siblings_cancellation()
    {
        int started = 0;
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => ParallelWorkers.RunAsync(3, async token =>
        {
            if (Interlocked.Increment(ref started) == 2)
            {
                await Task.Yield();
                FailDeepInsideAWorker();
            }

            await Task.Delay(Timeout.Infinite, token);
        }, CancellationToken.None));

        Assert.Equal("part 7 failed", error.Message);
        Assert.Contains(nameof(FailDeepInsideAWorker), error.StackTrace, StringComparison.Ordinal);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void FailDeepInsideAWorker() => throw new InvalidOperationException("part 7 failed");
}
