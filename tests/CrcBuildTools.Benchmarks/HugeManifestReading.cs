using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using CrcBuildTools.Manifests;

namespace CrcBuildTools.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project tests/CrcBuildTools.Benchmarks -- huge-manifest [entries=4500000]</c>: writes a
/// manifest of millions of entries (~600 MB at the default, the size the hostile-input issue measured), then reads it,
/// reads a copy that is malformed on its last line, and verifies it against an empty folder, each step in a fresh
/// process, printing wall time, the peak working set growth and the managed memory kept, as multiples of the
/// manifest's size. A Stopwatch harness: one run is seconds long and the question is the memory bound.
/// </summary>
internal static class HugeManifestReading
{
    private static readonly string[] Steps = { "read", "refuse", "verify" };

    public static void Run(string[] args)
    {
        int entries = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 4_500_000;
        if (args.Length > 3)
        {
            // A child: one step on the files the parent wrote, so its peak memory is its own.
            RunStep(args[3], args[2], entries);
            return;
        }

        string folder = Path.Combine(Path.GetTempPath(), "crc-huge-manifest-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        Directory.CreateDirectory(Path.Combine(folder, "empty"));
        try
        {
            TestSupport.SyntheticManifest.Write(Path.Combine(folder, "good.crc64.json"), entries, badLastLine: false);
            TestSupport.SyntheticManifest.Write(Path.Combine(folder, "bad.crc64.json"), entries, badLastLine: true);
            long size = new FileInfo(Path.Combine(folder, "good.crc64.json")).Length;
            Console.WriteLine($"Manifest: {entries:N0} entries, {size / 1e6:F1} MB; {Environment.ProcessorCount} cores, .NET {Environment.Version}; each step in a fresh process");
            Console.WriteLine();
            Console.WriteLine("| step | wall (s) | peak working set growth | managed memory kept at the end |");
            Console.WriteLine("| --- | ---: | ---: | ---: |");
            foreach (string step in Steps)
            {
                // The same program again: through its apphost (dotnet run), or through dotnet with the dll.
                string host = Environment.ProcessPath!;
                var start = new ProcessStartInfo(host) { RedirectStandardOutput = true, UseShellExecute = false };
                if (Path.GetFileNameWithoutExtension(host) == "dotnet")
                {
                    start.ArgumentList.Add(typeof(HugeManifestReading).Assembly.Location);
                }

                foreach (string argument in new[] { "huge-manifest", entries.ToString(CultureInfo.InvariantCulture), folder, step })
                {
                    start.ArgumentList.Add(argument);
                }

                using var child = Process.Start(start)!;
                Console.Write(child.StandardOutput.ReadToEnd());
                child.WaitForExit();
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static void RunStep(string step, string folder, int entries)
    {
        string good = Path.Combine(folder, "good.crc64.json");
        long size = new FileInfo(good).Length;
        switch (step)
        {
            case "read":
                Measure("read and validate", size, () => GC.KeepAlive(Crc64ManifestReader.Read(good)));
                break;
            case "refuse":
                Measure("refuse (malformed last line)", size, () =>
                {
                    try
                    {
                        Crc64ManifestReader.Read(Path.Combine(folder, "bad.crc64.json"));
                        throw new InvalidOperationException("the malformed manifest was accepted");
                    }
                    catch (Crc64ManifestException e) when (e.Line == entries + 4)
                    {
                    }
                });
                break;
            default:
                Measure("read, then verify against an empty folder (every file missing)", size, () =>
                {
                    Crc64VerificationResult result = Crc64FolderVerifier.Verify(Crc64ManifestReader.Read(good), Path.Combine(folder, "empty"));
                    if (result.Problems.Count != entries)
                    {
                        throw new InvalidOperationException($"{result.Problems.Count} problems for {entries} entries");
                    }

                    GC.KeepAlive(result);
                });
                break;
        }
    }

    private static void Measure(string step, long size, Action action)
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        using Process self = Process.GetCurrentProcess();
        self.Refresh();
        long workingSetBefore = self.WorkingSet64;
        long managedBefore = GC.GetTotalMemory(forceFullCollection: true);
        var clock = Stopwatch.StartNew();
        long peak = workingSetBefore;
        using (var sampler = new System.Threading.Timer(_ =>
        {
            using Process p = Process.GetCurrentProcess();
            long now = p.WorkingSet64;
            if (now > peak)
            {
                peak = now;
            }
        }, null, 0, 50))
        {
            action();
        }

        clock.Stop();
        long kept = GC.GetTotalMemory(forceFullCollection: true) - managedBefore;
        Console.WriteLine($"| {step} | {clock.Elapsed.TotalSeconds:F1} | {(peak - workingSetBefore) / 1e6:F0} MB ({(double)(peak - workingSetBefore) / size:F2}x) | {Math.Max(0, kept) / 1e6:F0} MB |");
    }
}
