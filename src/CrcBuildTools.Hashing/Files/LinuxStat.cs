using System;
using System.Runtime.InteropServices;

namespace CrcBuildTools.Hashing.Files;

/// <summary>
/// <c>statx(2)</c>, the one Linux call that says what a path or an open descriptor is (file type, size, times,
/// inode) without opening it: .NET exposes no file type, and opening a FIFO to find out blocks until a writer comes.
/// struct statx has the same layout on every Linux architecture.
/// </summary>
internal static class LinuxStat
{
    private const int AtCurrentDirectory = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const int AtEmptyPath = 0x1000;
    private const uint WantedFields = 0x1 | 0x40 | 0x80 | 0x100 | 0x200; // type, mtime, ctime, ino, size
    private const int BufferSize = 256;

    private static bool s_unavailable = !RuntimeInformation.IsOSPlatform(OSPlatform.Linux);

    /// <summary>Whether the probe works here (Linux with a C library that has statx).</summary>
    public static bool IsAvailable => !s_unavailable;

    /// <summary>Stats a path, following links unless <paramref name="followLinks"/> is false.</summary>
    /// <returns>The status, or <see langword="null"/> when the path does not exist (or statx is unavailable).</returns>
    public static FileStatus? OfPath(string path, bool followLinks)
    {
        byte[] buffer = new byte[BufferSize];
        return Call(AtCurrentDirectory, NativeText.NullTerminated(path), followLinks ? 0 : AtSymlinkNoFollow, buffer) ? Parse(buffer) : null;
    }

    /// <summary>Stats an open descriptor: what was actually opened, whatever happened to its path since.</summary>
    public static FileStatus? OfDescriptor(int descriptor)
    {
        byte[] buffer = new byte[BufferSize];
        return Call(descriptor, new byte[] { 0 }, AtEmptyPath, buffer) ? Parse(buffer) : null;
    }

    private static bool Call(int directory, byte[] path, int flags, byte[] buffer)
    {
        if (s_unavailable)
        {
            return false;
        }

        try
        {
            return Statx(directory, path, flags, WantedFields, buffer) == 0;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // glibc before 2.28 or musl before 1.2.5: callers fall back to what .NET itself can tell.
            s_unavailable = true;
            return false;
        }
    }

    private static FileStatus Parse(byte[] buffer)
    {
        int mode = BitConverter.ToUInt16(buffer, 28);
        var kind = (mode & 0xF000) switch
        {
            0x8000 => Crc64XzFileKind.RegularFile,
            0x4000 => Crc64XzFileKind.Directory,
            0x1000 => Crc64XzFileKind.Fifo,
            0x2000 => Crc64XzFileKind.CharacterDevice,
            0x6000 => Crc64XzFileKind.BlockDevice,
            0xC000 => Crc64XzFileKind.Socket,
            0xA000 => Crc64XzFileKind.Unknown, // a link itself, only seen without following
            _ => Crc64XzFileKind.Unknown,
        };
        bool isLink = (mode & 0xF000) == 0xA000;
        long ticks(int offset) => (BitConverter.ToInt64(buffer, offset) * 1_000_000_000L) + BitConverter.ToUInt32(buffer, offset + 8);
        return new FileStatus(kind, isLink, BitConverter.ToInt64(buffer, 40), ticks(112), ticks(96), BitConverter.ToInt64(buffer, 32));
    }

    [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
    private static extern int Statx(int directoryFd, byte[] path, int flags, uint mask, [Out] byte[] buffer);
}
