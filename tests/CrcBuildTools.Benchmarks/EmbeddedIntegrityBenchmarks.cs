using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.Loader;
using BenchmarkDotNet.Attributes;
using CrcBuildTools.Hashing;
using CrcBuildTools.Runtime;

namespace CrcBuildTools.Benchmarks;

/// <summary>
/// <c>EmbeddedIntegrity.Verify()</c> over 64 MiB of embedded resources (16 x 4 MiB in an assembly loaded from disk)
/// against the raw CRC of the same bytes already in managed memory. The generated Verify() is a one-line call to
/// <see cref="EmbeddedResourceSet.Verify()"/>, which is what runs here. Target: within 1.5x of the raw CRC, which
/// only holds if the resource streams are hashed in place rather than copied.
/// </summary>
[Config(typeof(QuickConfig))]
public class EmbeddedIntegrityBenchmarks
{
    private const int ResourceCount = 16;

    private string _directory = null!;
    private AssemblyLoadContext _context = null!;
    private EmbeddedResourceSet _set = null!;
    private byte[][] _inMemory = null!;

    /// <summary>Total resource bytes; the throughput column reads it.</summary>
    [Params(64 * 1024 * 1024)]
    public int Size { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        int resourceSize = Size / ResourceCount;
        var random = new Random(64);
        _inMemory = Enumerable.Range(0, ResourceCount).Select(_ =>
        {
            var bytes = new byte[resourceSize];
            random.NextBytes(bytes);
            return bytes;
        }).ToArray();
        var resources = _inMemory.Select((bytes, i) => new KeyValuePair<string, byte[]>($"Bench.Resources.chunk{i:00}.bin", bytes)).ToList();

        _directory = Path.Combine(Path.GetTempPath(), $"crc64-embedded-bench-{Environment.ProcessId}");
        Directory.CreateDirectory(_directory);
        string path = Path.Combine(_directory, "EmbeddedIntegrityBench.dll");
        ResourceAssemblyWriter.Write(path, "EmbeddedIntegrityBench", resources);

        _context = new AssemblyLoadContext("embedded-integrity-bench", isCollectible: true);
        var assembly = _context.LoadFromAssemblyPath(path);
        _set = new EmbeddedResourceSet(assembly, resources.Select(r => new EmbeddedResourceChecksum(r.Key, r.Value.Length, Crc64Xz.Hash(r.Value))));
        _set.Verify(); // fails loudly if the set is wrong, and warms the mapped pages
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _context.Unload();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // The unloaded image may still be mapped on some platforms; the temp folder is cleaned by the OS later.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    /// <summary>The floor: CRC of the same 64 MiB already in managed arrays.</summary>
    [Benchmark(Baseline = true)]
    public ulong RawCrcInMemory()
    {
        ulong combined = 0;
        foreach (var bytes in _inMemory)
        {
            combined ^= Crc64Xz.Hash(bytes);
        }

        return combined;
    }

    /// <summary>What an app's <c>EmbeddedIntegrity.Verify()</c> does: open every resource stream and hash it in place.</summary>
    [Benchmark]
    public int Verify()
    {
        _set.Verify();
        return _set.Resources.Count;
    }
}
