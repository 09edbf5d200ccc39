using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;

namespace CrcBuildTools.ObjectStorage.Download;

/// <summary>
/// The two file-system calls .NET lacks: a hard link, and on Linux the atomic exchange of two folders
/// (<c>renameat2(RENAME_EXCHANGE)</c>). Paths go to libc as NUL-terminated UTF-8 bytes, so the calls are blittable
/// and need no runtime marshalling (trim- and AOT-safe). Each returns false where the platform cannot do it, and the
/// caller falls back (copy; two renames with recovery).
/// </summary>
internal static unsafe class NativeFileSystem
{
    private const int AtCurrentDirectory = -100;
    private const uint RenameExchange = 2;

    /// <summary>Creates <paramref name="newPath"/> as another name of <paramref name="existingPath"/> (never follows a symlink).</summary>
    public static bool TryHardLink(string existingPath, string newPath)
    {
        try
        {
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
            {
                fixed (char* from = existingPath + "\0")
                fixed (char* to = newPath + "\0")
                {
                    return CreateHardLinkW(to, from, IntPtr.Zero) != 0;
                }
            }

            fixed (byte* from = Utf8(existingPath))
            fixed (byte* to = Utf8(newPath))
            {
                return link(from, to) == 0;
            }
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    /// <summary>Swaps two existing folders in one step (Linux 3.15+, glibc 2.28+); false where unsupported.</summary>
    public static bool TryExchange(string first, string second)
    {
        if (!RuntimeInformation.IsOSPlatform(OSPlatform.Linux))
        {
            return false;
        }

        try
        {
            fixed (byte* a = Utf8(first))
            fixed (byte* b = Utf8(second))
            {
                return renameat2(AtCurrentDirectory, a, AtCurrentDirectory, b, RenameExchange) == 0;
            }
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    private static byte[] Utf8(string path) => Encoding.UTF8.GetBytes(Path.GetFullPath(path) + "\0");

#pragma warning disable SA1300, IDE1006 // libc's names
    [DllImport("libc", SetLastError = true)]
    private static extern int link(byte* oldpath, byte* newpath);

    [DllImport("libc", SetLastError = true)]
    private static extern int renameat2(int olddirfd, byte* oldpath, int newdirfd, byte* newpath, uint flags);

    [DllImport("kernel32", SetLastError = true)]
    private static extern int CreateHardLinkW(char* fileName, char* existingFileName, IntPtr securityAttributes);
#pragma warning restore SA1300, IDE1006
}
