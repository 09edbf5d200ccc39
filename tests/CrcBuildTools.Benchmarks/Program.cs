using System;
using BenchmarkDotNet.Running;

namespace CrcBuildTools.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project tests/CrcBuildTools.Benchmarks -- --filter '*'</c>. Every class uses
/// <see cref="QuickConfig"/>, so a full run takes minutes; pass BenchmarkDotNet's own options (for example
/// <c>--job medium</c>) for tighter error bars. <c>-- quick</c> prints a rough Stopwatch table in seconds;
/// <c>-- clmul</c> measures the carry-less multiplier that bounds the folding kernels; <c>-- huge-manifest</c> the memory
/// and time of reading and verifying a manifest of millions of files; <c>-- resource-build</c> what the package adds
/// to a clean build with 10,000 embedded resources.
/// </summary>
public static class Program
{
    public static void Main(string[] args)
    {
        if (args.Length == 1 && args[0] == "quick")
        {
            QuickThroughput.Run();
            return;
        }

        if (args.Length == 1 && args[0] == "clmul")
        {
            CarrylessMultiplyProbe.Run();
            return;
        }

        if (args.Length >= 1 && args[0] == "upload")
        {
            UploadThroughput.Run(args);
            return;
        }

        if (args.Length >= 1 && args[0] == "download")
        {
            DownloadThroughput.Run(args);
            return;
        }

        if (args.Length >= 1 && args[0] == "audit")
        {
            AuditThroughput.Run(args);
            return;
        }

        if (args.Length >= 1 && args[0] == "resource-build")
        {
            ResourceBuildComparison.Run(args);
            return;
        }

        if (args.Length >= 1 && args[0] == "huge-manifest")
        {
            HugeManifestReading.Run(args);
            return;
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
