using System;
using System.IO;
using System.Runtime.InteropServices;

namespace CrcBuildTools.Hashing.Files;

/// <summary>The outcome of following every symbolic link on a path.</summary>
internal enum ResolutionOutcome
{
    /// <summary>Every link was followed; <see cref="ResolvedPath.RealPath"/> holds the result.</summary>
    Resolved,

    /// <summary>The path, or the target of a link on it, does not exist.</summary>
    Missing,

    /// <summary>A link could not be followed: a loop, or a link this runtime cannot read.</summary>
    Unresolvable,
}

/// <summary>A path with every symbolic link on it followed, or why that was not possible.</summary>
internal readonly record struct ResolvedPath(ResolutionOutcome Outcome, string? RealPath, string? Reason = null);

/// <summary>
/// realpath(3): the path with every symbolic link on it followed, intermediate folders included. A check that only
/// looked at the last component would let <c>etc/passwd</c> through when <c>etc</c> links to <c>/etc</c>.
/// </summary>
internal static class LinkResolver
{
    private const int MaxLinksFollowed = 40; // what Linux allows before ELOOP

    private static bool s_noNativeRealPath = RuntimeInformation.IsOSPlatform(OSPlatform.Windows);

    /// <summary>Resolves <paramref name="fullPath"/> (an absolute, normalised path).</summary>
    public static ResolvedPath Resolve(string fullPath)
    {
        if (!s_noNativeRealPath)
        {
            try
            {
                return ResolveNative(fullPath);
            }
            catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
            {
                s_noNativeRealPath = true;
            }
        }

        return ResolveManaged(fullPath);
    }

    /// <summary>Whether <paramref name="realPath"/> lies strictly inside <paramref name="realFolder"/>.</summary>
    public static bool IsInside(string realPath, string realFolder)
    {
        string folder = realFolder.EndsWith(Path.DirectorySeparatorChar.ToString(), StringComparison.Ordinal) ? realFolder : realFolder + Path.DirectorySeparatorChar;
        return realPath.Length > folder.Length && realPath.StartsWith(folder, PathComparison);
    }

    /// <summary>How this platform's file system compares names: ignoring case on Windows and macOS.</summary>
    public static StringComparison PathComparison { get; } =
        RuntimeInformation.IsOSPlatform(OSPlatform.Windows) || RuntimeInformation.IsOSPlatform(OSPlatform.OSX)
            ? StringComparison.OrdinalIgnoreCase
            : StringComparison.Ordinal;

    private static ResolvedPath ResolveNative(string fullPath)
    {
        IntPtr result = RealPath(NativeText.NullTerminated(fullPath), IntPtr.Zero);
        if (result == IntPtr.Zero)
        {
            int errno = Marshal.GetLastWin32Error();
            return errno switch
            {
                2 or 20 => new ResolvedPath(ResolutionOutcome.Missing, null), // ENOENT, ENOTDIR
                40 or 62 => new ResolvedPath(ResolutionOutcome.Unresolvable, null, "the symbolic links on it form a loop"), // ELOOP (Linux, macOS)
                13 => throw new UnauthorizedAccessException($"Access to a folder on the path '{fullPath}' is denied."),
                _ => new ResolvedPath(ResolutionOutcome.Unresolvable, null, $"its links cannot be followed (error {errno})"),
            };
        }

        try
        {
            return new ResolvedPath(ResolutionOutcome.Resolved, NativeText.FromNullTerminated(result));
        }
        finally
        {
            Free(result);
        }
    }

#if NET8_0_OR_GREATER
    // Component by component, so links in intermediate folders are followed too; used where realpath(3) is absent.
    private static ResolvedPath ResolveManaged(string fullPath)
    {
        string pending = fullPath;
        for (int followed = 0; followed <= MaxLinksFollowed; followed++)
        {
            string? root = Path.GetPathRoot(pending);
            if (string.IsNullOrEmpty(root))
            {
                return new ResolvedPath(ResolutionOutcome.Unresolvable, null, "it is not an absolute path");
            }

            string current = root!;
            string[] parts = pending.Substring(root!.Length).Split(new[] { Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar }, StringSplitOptions.RemoveEmptyEntries);
            bool restarted = false;
            for (int i = 0; i < parts.Length; i++)
            {
                string candidate = Path.Combine(current, parts[i]);
                // FileInfo reads the attributes and link target of a folder as well as of a file; -1 means absent.
                var info = new FileInfo(candidate);
                if ((int)info.Attributes == -1)
                {
                    return new ResolvedPath(ResolutionOutcome.Missing, null);
                }

                if (info.LinkTarget is string target)
                {
                    // Continue from the link's target with the rest of the path, resolving the target's own folders too.
                    string absoluteTarget = Path.GetFullPath(Path.IsPathRooted(target) ? target : Path.Combine(current, target));
                    pending = parts.Length > i + 1 ? Path.Combine(absoluteTarget, string.Join(Path.DirectorySeparatorChar.ToString(), parts, i + 1, parts.Length - i - 1)) : absoluteTarget;
                    restarted = true;
                    break;
                }

                current = candidate;
            }

            if (!restarted)
            {
                return new ResolvedPath(ResolutionOutcome.Resolved, current);
            }
        }

        return new ResolvedPath(ResolutionOutcome.Unresolvable, null, "the symbolic links on it form a loop");
    }
#else
    // .NET Framework cannot read a link's target: any reparse point on the path is refused rather than guessed at.
    private static ResolvedPath ResolveManaged(string fullPath)
    {
        string? root = Path.GetPathRoot(fullPath);
        string current = root ?? string.Empty;
        foreach (string part in fullPath.Substring(current.Length).Split(new[] { Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar }, StringSplitOptions.RemoveEmptyEntries))
        {
            current = Path.Combine(current, part);
            FileAttributes attributes;
            try
            {
                attributes = File.GetAttributes(current);
            }
            catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
            {
                return new ResolvedPath(ResolutionOutcome.Missing, null);
            }

            if ((attributes & FileAttributes.ReparsePoint) != 0)
            {
                return new ResolvedPath(ResolutionOutcome.Unresolvable, null, $"'{current}' is a link or junction, whose target this runtime cannot read");
            }
        }

        return new ResolvedPath(ResolutionOutcome.Resolved, fullPath);
    }
#endif

    [DllImport("libc", EntryPoint = "realpath", SetLastError = true)]
    private static extern IntPtr RealPath(byte[] path, IntPtr resolved);

    [DllImport("libc", EntryPoint = "free")]
    private static extern void Free(IntPtr pointer);
}
