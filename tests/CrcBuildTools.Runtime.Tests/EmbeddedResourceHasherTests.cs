using System;
using System.IO;
using System.Runtime.InteropServices;
using CrcBuildTools.Hashing;
using Xunit;

namespace CrcBuildTools.Runtime.Tests;

/// <summary>Both hashing paths: in place over an UnmanagedMemoryStream, and pooled buffered reads otherwise.</summary>
public sealed class EmbeddedResourceHasherTests
{
    [Fact]
    public void Resource_streams_of_a_loaded_assembly_are_hashed_in_place()
    {
        var expected = TestResources.Bytes("blob.bin");
        using var stream = TestResources.Assembly.GetManifestResourceStream("Tests.blob.bin")!;
        var unmanaged = Assert.IsAssignableFrom<UnmanagedMemoryStream>(stream);

        Assert.True(EmbeddedResourceHasher.TryMeasureInPlace(unmanaged, out var measured));
        Assert.Equal(expected.Length, measured.Length);
        Assert.Equal(Crc64Xz.Hash(expected), measured.Crc64);
        Assert.Equal(stream.Length, stream.Position);
    }

    [Fact]
    public void In_place_hashing_starts_at_the_current_position()
    {
        var expected = TestResources.Bytes("blob.bin");
        using var stream = (UnmanagedMemoryStream)TestResources.Assembly.GetManifestResourceStream("Tests.blob.bin")!;
        stream.Position = 1000;

        var measured = EmbeddedResourceHasher.Measure(stream);

        Assert.Equal(expected.Length - 1000, measured.Length);
        Assert.Equal(Crc64Xz.Hash(expected.AsSpan(1000)), measured.Crc64);
    }

    [Fact]
    public void Ordinary_streams_are_read_through_the_pooled_buffer_even_with_short_reads()
    {
        var expected = TestResources.Bytes("blob.bin");
        Assert.True(expected.Length > EmbeddedResourceHasher.BufferSize * 3);

        var fromMemory = EmbeddedResourceHasher.Measure(new MemoryStream(expected));
        var fromTrickle = EmbeddedResourceHasher.Measure(new TrickleStream(expected, maxRead: 4097));

        Assert.Equal((long)expected.Length, fromMemory.Length);
        Assert.Equal(Crc64Xz.Hash(expected), fromMemory.Crc64);
        Assert.Equal((long)expected.Length, fromTrickle.Length);
        Assert.Equal(Crc64Xz.Hash(expected), fromTrickle.Crc64);
    }

    [Fact]
    public void Unmanaged_streams_without_a_pointer_fall_back_to_buffered_reads()
    {
        var expected = TestResources.Bytes("blob.bin");
        using var buffer = new NativeBuffer(expected);
        using var stream = new UnmanagedMemoryStream(buffer, 0, expected.Length);

        Assert.False(EmbeddedResourceHasher.TryMeasureInPlace(stream, out _));
        var measured = EmbeddedResourceHasher.Measure(stream);

        Assert.Equal((long)expected.Length, measured.Length);
        Assert.Equal(Crc64Xz.Hash(expected), measured.Crc64);
    }

    [Fact]
    public void Empty_streams_have_the_crc_of_nothing()
    {
        var measured = EmbeddedResourceHasher.Measure(new MemoryStream());

        Assert.Equal(0, measured.Length);
        Assert.Equal(0UL, measured.Crc64);
    }

    /// <summary>Returns fewer bytes than asked, as network and decompression streams do.</summary>
    private sealed class TrickleStream : MemoryStream
    {
        private readonly int _maxRead;

        public TrickleStream(byte[] data, int maxRead)
            : base(data) => _maxRead = maxRead;

        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, _maxRead));
    }

    /// <summary>A SafeBuffer over native memory: UnmanagedMemoryStream built on it exposes no PositionPointer.</summary>
    private sealed class NativeBuffer : SafeBuffer
    {
        public NativeBuffer(byte[] content)
            : base(ownsHandle: true)
        {
            SetHandle(Marshal.AllocHGlobal(content.Length));
            Initialize((ulong)content.Length);
            Marshal.Copy(content, 0, handle, content.Length);
        }

        protected override bool ReleaseHandle()
        {
            Marshal.FreeHGlobal(handle);
            return true;
        }
    }
}
