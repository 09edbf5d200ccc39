using System;
using System.Collections.Generic;

namespace CrcBuildTools.ObjectStorage.Upload;

/// <summary>
/// The upload's own buffer pool, because <c>ArrayPool&lt;byte&gt;.Shared</c> is not the same pool everywhere: the
/// netstandard2.0 build (which Visual Studio's MSBuild runs) keeps nothing above 1 MiB, so every 8 MiB part would be
/// a fresh large-object-heap allocation there. This pool keeps at most as many arrays as there are buffer slots
/// (parallelism), so memory stays bounded by parallelism x part size on every runtime, and a part reuses the array
/// the previous part returned.
/// </summary>
internal sealed class PartBufferPool
{
    private const int SmallestArray = 4096;
    private readonly object _gate = new();
    private readonly List<byte[]> _free = new();
    private readonly int _capacity;

    public PartBufferPool(int capacity) => _capacity = Math.Max(1, capacity);

    /// <summary>Arrays allocated so far (tests use it to see reuse).</summary>
    public int Allocations { get; private set; }

    /// <summary>An array of at least <paramref name="size"/> bytes: the smallest free one that fits, else a new one.</summary>
    public byte[] Rent(int size)
    {
        lock (_gate)
        {
            int best = -1;
            for (int i = 0; i < _free.Count; i++)
            {
                if (_free[i].Length >= size && (best < 0 || _free[i].Length < _free[best].Length))
                {
                    best = i;
                }
            }

            if (best >= 0)
            {
                byte[] found = _free[best];
                _free.RemoveAt(best);
                return found;
            }

            Allocations++;
        }

        return new byte[RoundUp(size)];
    }

    /// <summary>Keeps <paramref name="buffer"/> for the next renter; when full, the smallest array is let go instead.</summary>
    public void Return(byte[] buffer)
    {
        lock (_gate)
        {
            _free.Add(buffer);
            if (_free.Count > _capacity)
            {
                int smallest = 0;
                for (int i = 1; i < _free.Count; i++)
                {
                    if (_free[i].Length < _free[smallest].Length)
                    {
                        smallest = i;
                    }
                }

                _free.RemoveAt(smallest);
            }
        }
    }

    /// <summary>Powers of two from 4 KiB, so files of similar sizes share arrays; exact above 1 GiB.</summary>
    private static int RoundUp(int size)
    {
        if (size <= SmallestArray)
        {
            return SmallestArray;
        }

        if (size > (1 << 30))
        {
            return size;
        }

        int rounded = SmallestArray;
        while (rounded < size)
        {
            rounded <<= 1;
        }

        return rounded;
    }
}
