using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CrcBuildTools.Emulator;
using CrcBuildTools.Hashing;
using CrcBuildTools.Manifests;
using CrcBuildTools.ObjectStorage;

namespace CrcBuildTools.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project tests/CrcBuildTools.Benchmarks -- audit [objects]</c>: audits a release of
/// 10,000 objects against an in-process emulator and, alternating in the same process, sends the same number of bare
/// signed HEADs through the same client at the same parallelism (16). The ratio is what the audit adds to its requests:
/// fetching and parsing the manifest, comparing, collecting findings.
/// </summary>
internal static class AuditThroughput
{
    private const int Rounds = 5;
    internal const int Parallelism = 16;

    public static void Run(string[] args) => RunAsync(args).GetAwaiter().GetResult();

    private static async Task RunAsync(string[] args)
    {
        int count = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10_000;
        await using var server = await StartServerAsync();
        (ReleaseSource source, string[] keys) = StageRelease(server, count);

        await AuditAsync(source);
        await BareHeadsAsync(source, keys);
        var audit = new List<double>();
        var bare = new List<double>();
        for (int round = 0; round < Rounds; round++)
        {
            if (round % 2 == 0)
            {
                audit.Add(await AuditAsync(source));
                bare.Add(await BareHeadsAsync(source, keys));
            }
            else
            {
                bare.Add(await BareHeadsAsync(source, keys));
                audit.Add(await AuditAsync(source));
            }
        }

        double a = audit.OrderBy(s => s).ElementAt(Rounds / 2);
        double b = bare.OrderBy(s => s).ElementAt(Rounds / 2);
        Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}; emulator in-process; parallelism {Parallelism}");
        Console.WriteLine();
        Console.WriteLine("| scenario | median wall (s) | HEADs/s | ratio |");
        Console.WriteLine("| --- | ---: | ---: | ---: |");
        Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "| audit of {0} objects | {1:0.000} | {2:0} | {3:0.00}x |", count, a, count / a, a / b));
        Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "| {0} bare HEADs | {1:0.000} | {2:0} | 1.00x |", count, b, count / b));
    }

    internal static async Task<StorageEmulatorServer> StartServerAsync()
    {
        var server = new StorageEmulatorServer(new EmulatorOptions
        {
            Provider = EmulatedProvider.Oss, Bucket = "bench-bucket", Region = "cn-hangzhou", AccessKeyId = "bench-id", Secret = "bench-secret",
        });
        await server.StartAsync();
        return server;
    }

    /// <summary>Stores <paramref name="count"/> tiny objects and their manifest under <c>rel/</c>.</summary>
    internal static (ReleaseSource Source, string[] Keys) StageRelease(StorageEmulatorServer server, int count)
    {
        var entries = new List<Crc64ManifestEntry>();
        for (int i = 0; i < count; i++)
        {
            byte[] bytes = BitConverter.GetBytes(i);
            string path = $"f/{i / 100:D3}/{i:D5}.bin";
            server.Store.Put("rel/" + path, bytes);
            entries.Add(new Crc64ManifestEntry(path, bytes.Length, Crc64Xz.Hash(bytes)));
        }

        server.Store.Put("rel/bench.crc64.json", Crc64ManifestWriter.ToBytes(new Crc64Manifest(entries)));
        var source = ReleaseSource.Parse("oss://bench-bucket/rel/bench.crc64.json", new ReleaseSourceOptions
        {
            Endpoint = server.Url, Region = "cn-hangzhou", Credentials = new StorageCredentials("bench-id", "bench-secret"),
        });
        return (source, entries.Select(e => "rel/" + e.Path).ToArray());
    }

    internal static async Task<double> AuditAsync(ReleaseSource source)
    {
        using var auditor = new ReleaseAuditor(source, new AuditOptions { Parallelism = Parallelism });
        var clock = Stopwatch.StartNew();
        AuditReport report = await auditor.AuditAsync();
        double seconds = clock.Elapsed.TotalSeconds;
        return report.IsClean ? seconds : throw new InvalidOperationException(report.ToString());
    }

    internal static async Task<double> BareHeadsAsync(ReleaseSource source, string[] keys)
    {
        using ObjectStorageClient client = source.Connect();
        using var slots = new SemaphoreSlim(Parallelism, Parallelism);
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(keys.Select(async key =>
        {
            await slots.WaitAsync();
            try
            {
                _ = await client.HeadObjectAsync(key) ?? throw new InvalidOperationException(key);
            }
            finally
            {
                slots.Release();
            }
        }));
        return clock.Elapsed.TotalSeconds;
    }
}
