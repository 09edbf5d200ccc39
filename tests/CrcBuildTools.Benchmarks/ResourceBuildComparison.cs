using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;

namespace CrcBuildTools.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project tests/CrcBuildTools.Benchmarks -- resource-build [rounds=5] [resources=10000]</c>:
/// clean builds of the same 10,000-resource project without and with the package, alternating, so that a change in
/// the machine's load hits both sides of each pair alike; prints every pair, the medians and the median of the
/// per-pair ratios (target: under 1.10), and from one extra build with <c>-clp:PerformanceSummary</c> what the
/// package's own targets and the compiler took.
/// </summary>
internal static class ResourceBuildComparison
{
    public static void Run(string[] args)
    {
        int rounds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5;
        int resources = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : ResourceBuildWorkspace.DefaultResourceCount;
        ResourceBuildWorkspace workspace = ResourceBuildWorkspace.Create(resources);
        Console.WriteLine($"{resources:N0} embedded resources of 16-511 bytes; clean build (bin/ and obj/ deleted, restore included); {Environment.ProcessorCount} cores, .NET {Environment.Version}");
        Console.WriteLine();
        Console.WriteLine("| round | without (s) | with (s) | ratio |");
        Console.WriteLine("| ---: | ---: | ---: | ---: |");
        var without = new List<double>();
        var with = new List<double>();
        for (int round = 1; round <= rounds; round++)
        {
            // Alternate which goes first, so neither side always runs right after the other's compiler work.
            bool withFirst = round % 2 == 0;
            double a = 0, b = 0;
            if (withFirst)
            {
                b = Time(() => workspace.BuildClean(workspace.WithPackage));
                a = Time(() => workspace.BuildClean(workspace.WithoutPackage));
            }
            else
            {
                a = Time(() => workspace.BuildClean(workspace.WithoutPackage));
                b = Time(() => workspace.BuildClean(workspace.WithPackage));
            }

            without.Add(a);
            with.Add(b);
            Console.WriteLine($"| {round} | {a:F2} | {b:F2} | {b / a:F3} |");
        }

        double medianRatio = Median(without.Zip(with, (a, b) => b / a).ToList());
        Console.WriteLine($"| median | {Median(without):F2} | {Median(with):F2} | **{medianRatio:F3}** |");
        Console.WriteLine();

        string summary = workspace.BuildClean(workspace.WithPackage, "-clp:PerformanceSummary", "-v:n");
        foreach (string name in new[] { "Crc64EmbeddedResourceChecksums", "_Crc64ComputeEmbeddedResourceChecksums", "Crc64WriteBuildManifest", "ComputeEmbeddedResourceChecksums", "WriteCrc64Manifest", "CoreCompile", "Csc" })
        {
            Match time = Regex.Match(summary, $@"^\s*(\d+) ms\s+{Regex.Escape(name)}\s+(\d+) calls", RegexOptions.Multiline);
            if (time.Success)
            {
                Console.WriteLine($"{name}: {time.Groups[1].Value} ms");
            }
        }
    }

    private static double Time(Action build)
    {
        var clock = Stopwatch.StartNew();
        build();
        return clock.Elapsed.TotalSeconds;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.OrderBy(v => v).ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
