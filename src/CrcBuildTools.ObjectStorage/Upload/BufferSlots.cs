using System;
using System.Threading;
using System.Threading.Tasks;

namespace CrcBuildTools.ObjectStorage.Upload;

/// <summary>
/// At most <c>Parallelism</c> pooled buffers exist at once, whatever mix of small files and parts is in flight:
/// this is what bounds memory by parallelism x part size. The buffers come from the upload's own
/// <see cref="PartBufferPool"/>, which behaves the same on .NET Framework as on .NET.
/// </summary>
internal sealed class BufferSlots : IDisposable
{
    private readonly SemaphoreSlim _slots;
    private readonly PartBufferPool _pool;

    public BufferSlots(int count)
    {
        _slots = new SemaphoreSlim(count, count);
        _pool = new PartBufferPool(count);
    }

    /// <summary>Arrays allocated so far; with parts of one size, at most one per slot.</summary>
    public int Allocations => _pool.Allocations;

    public async Task<Lease> RentAsync(int size, CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return new Lease(this, _pool.Rent(size), size);
        }
        catch
        {
            _slots.Release();
            throw;
        }
    }

    public void Dispose() => _slots.Dispose();

    /// <summary>A rented buffer; disposing returns it to the pool and frees the slot.</summary>
    internal sealed class Lease : IDisposable
    {
        private readonly BufferSlots _owner;
        private byte[]? _buffer;

        public Lease(BufferSlots owner, byte[] buffer, int size)
        {
            _owner = owner;
            _buffer = buffer;
            Size = size;
        }

        public byte[] Buffer => _buffer ?? throw new ObjectDisposedException(nameof(Lease));

        public int Size { get; }

        public ArraySegment<byte> Segment => new(Buffer, 0, Size);

        public void Dispose()
        {
            byte[]? buffer = Interlocked.Exchange(ref _buffer, null);
            if (buffer is not null)
            {
                _owner._pool.Return(buffer);
                _owner._slots.Release();
            }
        }
    }
}
