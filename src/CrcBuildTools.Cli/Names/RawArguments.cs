using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace CrcBuildTools.Cli.Names;

/// <summary>
/// The process's arguments as the bytes the kernel holds (<c>/proc/self/cmdline</c> on Linux), so a file name that is
/// not valid UTF-8 can still be opened. Elsewhere names are Unicode by construction (Windows, macOS), and the decoded
/// strings are exact.
/// </summary>
internal static class RawArguments
{
    /// <summary>
    /// Pairs each argument with its raw bytes when they are not valid UTF-8. The raw list ends with the program's own
    /// arguments (the host's come first), and is used only if every argument matches its decoded form.
    /// </summary>
    public static InputName[] Resolve(string[] args)
    {
        var names = new InputName[args.Length];
        IReadOnlyList<byte[]>? raw = ReadOwnCommandLine();
        int offset = raw is null ? -1 : raw.Count - args.Length;
        bool usable = offset >= 0;
        for (int i = 0; usable && i < args.Length; i++)
        {
            usable = Encoding.UTF8.GetString(raw![offset + i]) == args[i];
        }

        for (int i = 0; i < args.Length; i++)
        {
            byte[]? bytes = usable ? raw![offset + i] : null;
            names[i] = new InputName(args[i], bytes is not null && !InputName.IsValidUtf8(bytes) ? bytes : null);
        }

        return names;
    }

    private static IReadOnlyList<byte[]>? ReadOwnCommandLine()
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        byte[] all;
        try
        {
            all = File.ReadAllBytes("/proc/self/cmdline");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        var parts = new List<byte[]>();
        int start = 0;
        for (int i = 0; i < all.Length; i++)
        {
            if (all[i] == 0)
            {
                parts.Add(all.AsSpan(start, i - start).ToArray());
                start = i + 1;
            }
        }

        return parts;
    }
}
