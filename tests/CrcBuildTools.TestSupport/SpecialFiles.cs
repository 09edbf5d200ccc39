using System;
using System.Diagnostics;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace CrcBuildTools.TestSupport;

/// <summary>
/// The odd file system entries the hostile-input tests put in folders: FIFOs, symbolic links to files and folders
/// inside and outside, dangling links and link loops. FIFOs and /proc exist only on Unix; the suite runs on Linux.
/// </summary>
public static class SpecialFiles
{
    /// <summary>Whether FIFOs and /proc exist here.</summary>
    public static bool IsLinux => OperatingSystem.IsLinux();

    /// <summary>Creates a FIFO with mkfifo(1).</summary>
    public static string MakeFifo(string path)
    {
        using var process = Process.Start(new ProcessStartInfo("mkfifo", new[] { "--", path }) { UseShellExecute = false })
            ?? throw new InvalidOperationException("cannot start mkfifo");
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"mkfifo {path} failed");
        }

        return path;
    }

    /// <summary>Creates a symbolic link at <paramref name="link"/> whose stored target is <paramref name="target"/> (relative or absolute).</summary>
    public static string Link(string link, string target)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(link)!);
        File.CreateSymbolicLink(link, target);
        return link;
    }

    /// <summary>Writes <paramref name="bytes"/> into a FIFO from a background task (the reader must open it).</summary>
    public static Task FeedFifo(string fifo, byte[] bytes, CancellationToken cancellationToken = default) =>
        Task.Run(() =>
        {
            using var writer = new FileStream(fifo, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, 1);
            writer.Write(bytes, 0, bytes.Length);
        }, cancellationToken);

    /// <summary>Runs <paramref name="action"/> and fails if it does not finish within <paramref name="limit"/>: a hang is a bug, not a slow test.</summary>
    public static T WithinTime<T>(TimeSpan limit, Func<T> action)
    {
        Task<T> task = Task.Run(action);
        if (!task.Wait(limit))
        {
            throw new TimeoutException($"did not finish within {limit}: it blocks");
        }

        return task.GetAwaiter().GetResult();
    }
}
