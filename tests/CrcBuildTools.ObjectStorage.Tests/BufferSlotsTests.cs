using System.Threading;
using System.Threading.Tasks;
using CrcBuildTools.ObjectStorage.Upload;
using Xunit;

namespace CrcBuildTools.ObjectStorage.Tests;

/// <summary>
/// The part buffers come from the upload's own pool: on the netstandard2.0 build (which this file also runs against,
/// in the NetStandard leg), ArrayPool.Shared keeps nothing above 1 MiB, so 8 MiB parts must still be reused.
/// </summary>
public sealed class BufferSlotsTests
{
    private const int EightMiB = 8 * 1024 * 1024;

    [Fact]
    public async Task Eight_MiB_parts_reuse_the_same_arrays_and_never_exceed_one_per_slot()
    {
        using var slots = new BufferSlots(2);
        byte[] first;
        using (BufferSlots.Lease a = await slots.RentAsync(EightMiB, CancellationToken.None))
        {
            first = a.Buffer;
        }

        for (int i = 0; i < 20; i++)
        {
            using BufferSlots.Lease b = await slots.RentAsync(EightMiB - i, CancellationToken.None);
            using BufferSlots.Lease c = await slots.RentAsync(EightMiB, CancellationToken.None);
            Assert.True(b.Buffer.Length >= EightMiB - i && c.Buffer.Length >= EightMiB);
            Assert.True(ReferenceEquals(first, b.Buffer) || ReferenceEquals(first, c.Buffer), "an 8 MiB array was not reused");
        }

        Assert.Equal(2, slots.Allocations);
    }

    [Fact]
    public async Task A_third_rent_waits_for_a_slot()
    {
        using var slots = new BufferSlots(2);
        BufferSlots.Lease a = await slots.RentAsync(100, CancellationToken.None);
        using BufferSlots.Lease b = await slots.RentAsync(100, CancellationToken.None);
        Task<BufferSlots.Lease> third = slots.RentAsync(100, CancellationToken.None);
        await Task.Delay(50);
        Assert.False(third.IsCompleted);

        a.Dispose();
        using BufferSlots.Lease c = await third;
        Assert.Same(a.GetType(), c.GetType());
        Assert.Equal(2, slots.Allocations);
    }
}
