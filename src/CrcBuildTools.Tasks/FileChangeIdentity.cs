using System;
using System.Runtime.InteropServices;
using System.Text;

namespace CrcBuildTools.Tasks;

/// <summary>
/// The inode number and inode change time (ctime) of a file on Linux, through <c>statx(2)</c>. .NET exposes neither:
/// its CreationTime on Linux falls back to the last-write time, which tools set freely. The ctime changes whenever
/// the file's content or metadata changes, including when a tool sets the last-write time back.
/// </summary>
internal static class FileChangeIdentity
{
    private const int AtCurrentDirectory = -100;
    private const uint StatxChangeTime = 0x80;
    private const uint StatxInode = 0x100;
    private const int StatxBufferSize = 256;

    // Offsets in struct statx, which has the same layout on every Linux architecture.
    private const int MaskOffset = 0;
    private const int InodeOffset = 32;
    private const int ChangeTimeSecondsOffset = 96;
    private const int ChangeTimeNanosecondsOffset = 104;

    private static bool s_unavailable = !RuntimeInformation.IsOSPlatform(OSPlatform.Linux);

    /// <summary>Reads the change stamp (ctime in nanoseconds) and inode of <paramref name="fullPath"/>.</summary>
    public static bool TryRead(string fullPath, out long changeStamp, out long fileId)
    {
        changeStamp = 0;
        fileId = 0;
        if (s_unavailable)
        {
            return false;
        }

        var buffer = new byte[StatxBufferSize];
        try
        {
            if (Statx(AtCurrentDirectory, NullTerminatedUtf8(fullPath), 0, StatxChangeTime | StatxInode, buffer) != 0 ||
                (BitConverter.ToUInt32(buffer, MaskOffset) & (StatxChangeTime | StatxInode)) != (StatxChangeTime | StatxInode))
            {
                return false;
            }
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // A C library without statx (glibc before 2.28, or musl before 1.2.5): use the portable stamp.
            s_unavailable = true;
            return false;
        }

        changeStamp = (BitConverter.ToInt64(buffer, ChangeTimeSecondsOffset) * 1_000_000_000L) + BitConverter.ToUInt32(buffer, ChangeTimeNanosecondsOffset);
        fileId = BitConverter.ToInt64(buffer, InodeOffset);
        return true;
    }

    private static byte[] NullTerminatedUtf8(string path)
    {
        int length = Encoding.UTF8.GetByteCount(path);
        var bytes = new byte[length + 1];
        Encoding.UTF8.GetBytes(path, 0, path.Length, bytes, 0);
        return bytes;
    }

    [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
    private static extern int Statx(int directoryFd, byte[] path, int flags, uint mask, [Out] byte[] buffer);
}
