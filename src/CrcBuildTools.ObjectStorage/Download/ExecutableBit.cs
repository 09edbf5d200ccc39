using System;
using System.IO;
using System.Runtime.InteropServices;

namespace CrcBuildTools.ObjectStorage.Download;

/// <summary>
/// Buckets keep no file modes, so a downloaded self-contained app would not run. A file that starts like a program
/// (ELF, Mach-O, or a <c>#!</c> script) gets mode 0755 on Unix; everything else keeps the default (0644 under the
/// usual umask). The first bytes are captured on their way to disk, so nothing is read back for this.
/// </summary>
internal static class ExecutableBit
{
    public static bool LooksLikeProgram(ReadOnlySpan<byte> head) =>
        head.Length >= 4 && (
            (head[0] == 0x7F && head[1] == (byte)'E' && head[2] == (byte)'L' && head[3] == (byte)'F') ||
            (head[0] == (byte)'#' && head[1] == (byte)'!') ||
            (head[0] == 0xCF && head[1] == 0xFA && head[2] == 0xED && head[3] == 0xFE) ||
            (head[0] == 0xCA && head[1] == 0xFE && head[2] == 0xBA && head[3] == 0xBE));

    public static void ApplyIfProgram(string path, byte[] head)
    {
#if NET7_0_OR_GREATER
        if (!RuntimeInformation.IsOSPlatform(OSPlatform.Windows) && LooksLikeProgram(head))
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
                                       UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        }
#else
        _ = path;
        _ = head;
#endif
    }
}
