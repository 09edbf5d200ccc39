using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;

namespace CrcBuildTools.TestSupport;

/// <summary>
/// An independent CRC-64/XZ: <c>xz</c> itself. xz stores the CRC-64 of each block's uncompressed data, and
/// <c>xz -lvv --robot</c> prints it; compressing single-threaded gives one block, hence the file's CRC.
/// </summary>
public static class XzOracle
{
    /// <summary>The CRC-64/XZ of a file as xz computes it.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The CRC; 0 for an empty file, for which xz writes no block.</returns>
    public static ulong Crc64(string path)
    {
        if (new FileInfo(path).Length == 0)
        {
            return 0;
        }

        string compressed = Path.Combine(Path.GetTempPath(), "xz-oracle-" + Guid.NewGuid().ToString("N") + ".xz");
        try
        {
            using (var output = File.Create(compressed))
            {
                Run(new[] { "-0", "-T1", "--check=crc64", "--stdout", "--keep", "--", path }, output);
            }

            using var listing = new MemoryStream();
            Run(new[] { "--list", "-vv", "--robot", "--", compressed }, listing);
            string? check = null;
            foreach (string line in System.Text.Encoding.UTF8.GetString(listing.ToArray()).Split('\n'))
            {
                string[] fields = line.Split('\t');
                if (fields[0] == "block")
                {
                    if (check is not null)
                    {
                        throw new InvalidOperationException($"xz wrote more than one block for '{path}'; the oracle needs one.");
                    }

                    check = fields[10]; // block line: ..., check type, check value
                }
            }

            return ulong.Parse(check ?? throw new InvalidOperationException($"xz listed no block for '{path}'."), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
        }
        finally
        {
            File.Delete(compressed);
        }
    }

    private static void Run(string[] arguments, Stream stdout)
    {
        var start = new ProcessStartInfo("xz") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(start) ?? throw new InvalidOperationException("Cannot start xz; install xz-utils.");
        var stderr = process.StandardError.ReadToEndAsync();
        process.StandardOutput.BaseStream.CopyTo(stdout);
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"xz {string.Join(' ', arguments)} failed ({process.ExitCode}): {stderr.Result}");
        }
    }
}
