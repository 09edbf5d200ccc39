using System;
using System.Collections.Generic;
using System.IO;
using System.Threading.Tasks;

namespace CrcBuildTools.Hashing.Tests.Support;

/// <summary>
/// Every public way to get a CRC out of the engine, applied to one byte array. The results must all be equal to the
/// published value. Used in-process (for the path this process runs) and in child processes pinned to each path.
/// </summary>
internal static class ApiShapes
{
    public static async Task<IReadOnlyList<(string Shape, ulong Crc)>> ComputeAllAsync(byte[] data, string scratchDirectory)
    {
        var results = new List<(string, ulong)>
        {
            ("span", Crc64Xz.Hash(data)),
            ("append-to-empty", Crc64Xz.Append(0, data)),
            ("memory-stream", Crc64Xz.Hash(new MemoryStream(data))),
            ("trickle-stream", Crc64Xz.Hash(new TrickleStream(data, 7))),
            ("memory-stream-async", await Crc64Xz.HashAsync(new MemoryStream(data))),
            ("trickle-stream-async", await Crc64Xz.HashAsync(new TrickleStream(data, 13))),
            ("incremental-random-chunks", Incremental(data)),
            ("incremental-stream", IncrementalStream(data)),
            ("hash-bytes-big-endian", BigEndian(data)),
        };

        string path = Path.Combine(scratchDirectory, Guid.NewGuid().ToString("N") + ".bin");
        File.WriteAllBytes(path, data);
        try
        {
            var chunked = new Crc64XzFileOptions { ParallelThreshold = 1, ChunkSize = 65_537, MaxDegreeOfParallelism = 3, ReadBufferSize = 4099 };
            results.Add(("file", Check(Crc64Xz.HashFile(path), data)));
            results.Add(("file-parallel-chunks", Check(Crc64Xz.HashFile(path, chunked), data)));
            results.Add(("file-async", Check(await Crc64Xz.HashFileAsync(path), data)));
            results.Add(("file-async-parallel-chunks", Check(await Crc64Xz.HashFileAsync(path, chunked), data)));
        }
        finally
        {
            File.Delete(path);
        }

        return results;
    }

    private static ulong Incremental(byte[] data)
    {
        var random = new Random(data.Length);
        var crc = new Crc64Xz();
        int offset = 0;
        while (offset < data.Length)
        {
            int n = Math.Min(data.Length - offset, random.Next(0, 700));
            crc.Append(data.AsSpan(offset, n));
            offset += n;
        }

        return crc.Length == data.Length ? crc.GetCurrentHashAsUInt64() : throw new InvalidOperationException("Length did not add up.");
    }

    private static ulong IncrementalStream(byte[] data)
    {
        var crc = new Crc64Xz();
        int half = data.Length / 2;
        crc.Append(data.AsSpan(0, half));
        crc.Append(new MemoryStream(data, half, data.Length - half));
        return crc.GetCurrentHashAsUInt64();
    }

    private static ulong BigEndian(byte[] data)
    {
        var crc = new Crc64Xz();
        crc.Append(data);
        byte[] bytes = crc.GetCurrentHash();
        ulong value = 0;
        foreach (byte b in bytes)
        {
            value = (value << 8) | b;
        }

        return value;
    }

    private static ulong Check(Crc64XzFileHash hash, byte[] data) =>
        hash.Length == data.Length ? hash.Crc : throw new InvalidOperationException($"File length {hash.Length} != {data.Length}.");
}
