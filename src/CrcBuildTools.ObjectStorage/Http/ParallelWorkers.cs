using System;
using System.Linq;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;

namespace CrcBuildTools.ObjectStorage.Http;

/// <summary>
/// N workers draining a shared queue (files, parts, ranges): the first failure cancels the others instead of letting
/// them finish, and what surfaces is that failure, with its stack, not a sibling's cancellation. Upload and download
/// both run their work through this.
/// </summary>
internal static class ParallelWorkers
{
    public static async Task RunAsync(int count, Func<CancellationToken, Task> worker, CancellationToken cancellationToken)
    {
        using var failed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        async Task RunOneAsync()
        {
            try
            {
                await worker(failed.Token).ConfigureAwait(false);
            }
            catch
            {
                failed.Cancel();
                throw;
            }
        }

        Task[] workers = Enumerable.Range(0, Math.Max(1, count)).Select(_ => Task.Run(RunOneAsync)).ToArray();
        try
        {
            await Task.WhenAll(workers).ConfigureAwait(false);
        }
        catch when (!cancellationToken.IsCancellationRequested)
        {
            Exception? real = workers.Where(w => w.IsFaulted).Select(w => w.Exception!.InnerException!).FirstOrDefault(e => e is not OperationCanceledException);
            if (real is not null)
            {
                ExceptionDispatchInfo.Capture(real).Throw();
            }

            throw;
        }
    }
}
