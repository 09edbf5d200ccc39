using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;

namespace CrcBuildTools.Hashing.Tests.Support;

/// <summary>
/// Runs this test assembly again as a console program with <c>CRCBUILDTOOLS_CRC64_IMPLEMENTATION</c> set, because the
/// engine picks its path once per process. The child prints the path it chose and every API shape's result.
/// </summary>
internal static class ChildProcess
{
    public const string ApiShapesCommand = "api-shapes";

    /// <summary>Entry point of the child: <c>dotnet CrcBuildTools.Hashing.Tests.dll api-shapes</c>.</summary>
    public static async Task<int> Main(string[] args)
    {
        if (args.Length != 1 || args[0] != ApiShapesCommand)
        {
            Console.Error.WriteLine($"usage: {typeof(ChildProcess).Assembly.GetName().Name} {ApiShapesCommand}");
            return 2;
        }

        Console.WriteLine($"implementation {Crc64Xz.Implementation}");
        string scratch = Path.Combine(Path.GetTempPath(), "crc64xz-child-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(scratch);
        try
        {
            foreach (ReferenceVector vector in ReferenceVectors.All)
            {
                foreach ((string shape, ulong crc) in await ApiShapes.ComputeAllAsync(vector.Data, scratch))
                {
                    Console.WriteLine($"{vector.Name} {shape} {crc}");
                }
            }
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }

        return 0;
    }

    /// <summary>Runs the child with the override variable set to <paramref name="requested"/> (null: unset) and returns its stdout lines.</summary>
    public static IReadOnlyList<string> Run(string? requested)
    {
        string assembly = typeof(ChildProcess).Assembly.Location;
        var start = new ProcessStartInfo(DotnetHost(), $"exec \"{assembly}\" {ApiShapesCommand}")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment[Crc64XzKernel.OverrideVariable] = requested;
        if (requested is null)
        {
            start.Environment.Remove(Crc64XzKernel.OverrideVariable);
        }

        using Process process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the child process.");
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        var lines = new List<string>();
        string? line;
        while ((line = process.StandardOutput.ReadLine()) != null)
        {
            lines.Add(line);
        }

        if (!process.WaitForExit(60_000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("The child process did not finish within 60 s.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"The child process exited with {process.ExitCode}: {stderr.Result}");
        }

        return lines;
    }

    // `dotnet test` exports the host it runs under; fall back to the one on PATH.
    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
}
