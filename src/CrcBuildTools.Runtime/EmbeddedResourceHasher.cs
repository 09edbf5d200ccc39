using System;
using System.Buffers;
using System.IO;
using System.Reflection;
using CrcBuildTools.Hashing;

namespace CrcBuildTools.Runtime;

/// <summary>The length and CRC-64/XZ of one resource as it is now.</summary>
internal readonly struct ResourceMeasurement
{
    public ResourceMeasurement(long length, ulong crc64)
    {
        Length = length;
        Crc64 = crc64;
    }

    public long Length { get; }

    public ulong Crc64 { get; }
}

/// <summary>
/// Hashes manifest resource streams. A loaded assembly hands out an <see cref="UnmanagedMemoryStream"/> over its
/// mapped image, so the bytes are hashed where they lie, without a copy; any other stream is read through one
/// pooled buffer.
/// </summary>
internal static class EmbeddedResourceHasher
{
    // Big enough to keep the vector kernel in its main loop, small enough to stay out of the large object heap.
    internal const int BufferSize = 64 * 1024;

    // Spans are int-indexed, so unmanaged memory is hashed in slices no longer than this.
    private const int MaxSliceLength = 1 << 30;

    /// <summary>Measures the resource, or returns <see langword="null"/> when the assembly has no resource of that exact name.</summary>
    public static ResourceMeasurement? Measure(Assembly assembly, string name)
    {
        // The only reflection used: trim- and AOT-safe, and exact (no suffix matching).
        using Stream? stream = assembly.GetManifestResourceStream(name);
        return stream is null ? null : Measure(stream);
    }

    /// <summary>Measures the rest of <paramref name="stream"/> from its current position.</summary>
    public static ResourceMeasurement Measure(Stream stream)
    {
        if (stream is UnmanagedMemoryStream unmanaged && TryMeasureInPlace(unmanaged, out var inPlace))
        {
            return inPlace;
        }

        return MeasureBuffered(stream);
    }

    /// <summary>Hashes the memory behind the stream directly. Fails only for streams over a SafeBuffer, which expose no pointer.</summary>
    internal static unsafe bool TryMeasureInPlace(UnmanagedMemoryStream stream, out ResourceMeasurement measurement)
    {
        byte* start;
        try
        {
            start = stream.PositionPointer;
        }
        catch (NotSupportedException)
        {
            measurement = default;
            return false;
        }

        long remaining = Math.Max(0, stream.Length - stream.Position);
        long length = remaining;
        ulong crc = 0;
        byte* cursor = start;
        while (remaining > 0)
        {
            int slice = (int)Math.Min(remaining, MaxSliceLength);
            crc = Crc64Xz.Append(crc, new ReadOnlySpan<byte>(cursor, slice));
            cursor += slice;
            remaining -= slice;
        }

        // Leave the stream where a reader would: at its end.
        stream.Seek(0, SeekOrigin.End);
        measurement = new ResourceMeasurement(length, crc);
        return true;
    }

    /// <summary>Reads the stream through one pooled buffer.</summary>
    internal static ResourceMeasurement MeasureBuffered(Stream stream)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            ulong crc = 0;
            long length = 0;
            int read;
            while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
            {
                crc = Crc64Xz.Append(crc, new ReadOnlySpan<byte>(buffer, 0, read));
                length += read;
            }

            return new ResourceMeasurement(length, crc);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
