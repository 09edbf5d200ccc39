using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;

namespace CrcBuildTools.Hashing.Tests.Support;

/// <summary>
/// The external oracle: xz-utils stores the CRC-64/XZ of the uncompressed bytes in every block it writes, and
/// <c>xz -lvv --robot</c> prints it (the <c>block</c> row: the hex value after the <c>CRC64</c> check-type column). Nothing here shares code with the engine.
/// </summary>
internal static class XzOracle
{
    /// <summary>
    /// The CRC-64 xz records for <paramref name="file"/>, or <see langword="null"/> when xz wrote no block (an empty file).
    /// Compresses with <c>-0 -T1</c>: the check does not depend on the preset, the fastest preset keeps the test quick on
    /// incompressible data, and one thread guarantees a single block whose check covers the whole file.
    /// </summary>
    public static ulong? Crc64Of(string file)
    {
        Run("-0", "-T1", "-k", "-f", "--check=crc64", file);
        string listing = Run("-lvv", "--robot", file + ".xz");
        string[][] blocks = listing.Split('\n').Select(l => l.Split('\t')).Where(c => c[0] == "block").ToArray();
        if (blocks.Length == 0)
        {
            return null;
        }

        // xz's documented robot columns for a block row: ... 10 = check type, 11 = check value (1-based, "block" is 1).
        if (blocks.Length != 1 || blocks[0].Length < 11 || blocks[0][9] != "CRC64" || blocks[0][10].Length != 16)
        {
            throw new InvalidOperationException($"Unexpected `xz -lvv --robot` output for '{file}':\n{listing}");
        }

        return ulong.Parse(blocks[0][10], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
    }

    private static string Run(params string[] arguments)
    {
        var start = new ProcessStartInfo("xz")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("Process.Start returned null for xz.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException(
                "The external oracle `xz` was not found on PATH. Install xz-utils (apt-get install xz-utils; " +
                "CI images include it): these tests check CRC-64/XZ against it and must not be skipped.", e);
        }

        using (process)
        {
            string stdout = process.StandardOutput.ReadToEnd();
            string stderr = process.StandardError.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"xz {string.Join(' ', arguments)} exited with {process.ExitCode}: {stderr}");
            }

            return stdout;
        }
    }
}
