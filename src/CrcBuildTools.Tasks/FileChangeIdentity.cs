using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;

namespace CrcBuildTools.Tasks;

/// <summary>
/// What the file system itself records about a file that no user-space tool can set back: a change time that moves
/// on every write of the content or the metadata (including a tool setting the last-write time back), and a file id
/// that a new file (a copy, a rename over the old one) does not share. .NET exposes neither; each platform has its own
/// call for them, and the hash cache (<see cref="FileStamp"/>) sees only this abstraction:
/// <list type="table">
///   <item><term>Linux</term><description><c>statx(2)</c>: <c>stx_ctime</c> (nanoseconds) and <c>stx_ino</c>.</description></item>
///   <item><term>macOS</term><description><c>stat(2)</c>: <c>st_ctimespec</c> (nanoseconds) and <c>st_ino</c>.</description></item>
///   <item><term>Windows</term><description><c>GetFileInformationByHandleEx</c>: <c>FILE_BASIC_INFO.ChangeTime</c> (100 ns) and <c>FILE_ID_INFO</c> (volume and 128-bit file id).</description></item>
/// </list>
/// Elsewhere, or where the call fails (an old C library, a file system without ids), <see cref="TryRead"/> says so
/// and the cache falls back to the creation time, which a newly copied file gets afresh but an in-place overwrite keeps.
/// </summary>
internal abstract class FileChangeIdentity
{
    /// <summary>This platform's source, chosen once.</summary>
    public static FileChangeIdentity Current { get; } =
        RuntimeInformation.IsOSPlatform(OSPlatform.Linux) ? new LinuxStatx() :
        RuntimeInformation.IsOSPlatform(OSPlatform.OSX) ? new MacStat() :
        RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? new WindowsFileInformation() :
        new None();

    /// <summary>The system call behind it, for messages and docs.</summary>
    public abstract string Source { get; }

    /// <summary>Reads the change stamp (a time in the platform's own units) and the file id of <paramref name="fullPath"/>.</summary>
    /// <returns><see langword="false"/> when this platform or file system cannot tell; the outputs are then 0.</returns>
    public abstract bool TryRead(string fullPath, out long changeStamp, out long fileId);

    private static byte[] NullTerminatedUtf8(string path)
    {
        var bytes = new byte[Encoding.UTF8.GetByteCount(path) + 1];
        Encoding.UTF8.GetBytes(path, 0, path.Length, bytes, 0);
        return bytes;
    }

    /// <summary>
    /// A POSIX call that fills a stat-like buffer: the buffer handling, the offsets and the fallback when the C library
    /// lacks the call are the same for Linux and macOS; only the call and the layout differ.
    /// </summary>
    private abstract class StatBuffer(string source, int inodeOffset, int changeSecondsOffset, int changeNanosecondsOffset) : FileChangeIdentity
    {
        private const int BufferSize = 256;

        private bool _unavailable;

        public override string Source => source;

        public override bool TryRead(string fullPath, out long changeStamp, out long fileId)
        {
            changeStamp = 0;
            fileId = 0;
            if (_unavailable)
            {
                return false;
            }

            var buffer = new byte[BufferSize];
            try
            {
                if (!Call(NullTerminatedUtf8(fullPath), buffer))
                {
                    return false;
                }
            }
            catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
            {
                // A C library without the call (glibc before 2.28 or musl before 1.2.5 for statx): the portable stamp.
                _unavailable = true;
                return false;
            }

            // Nanoseconds are below 10^9, so their low 32 bits are the value whether the field is 4 or 8 bytes wide.
            changeStamp = (BitConverter.ToInt64(buffer, changeSecondsOffset) * 1_000_000_000L) + BitConverter.ToUInt32(buffer, changeNanosecondsOffset);
            fileId = BitConverter.ToInt64(buffer, inodeOffset);
            return true;
        }

        /// <summary>Fills <paramref name="buffer"/> for the NUL-terminated UTF-8 <paramref name="path"/>; false on failure.</summary>
        protected abstract bool Call(byte[] path, byte[] buffer);
    }

    /// <summary>Linux <c>statx</c>: <c>struct statx</c> has the same layout on every architecture.</summary>
    private sealed class LinuxStatx() : StatBuffer("statx", inodeOffset: 32, changeSecondsOffset: 96, changeNanosecondsOffset: 104)
    {
        private const int AtCurrentDirectory = -100;
        private const uint StatxChangeTime = 0x80;
        private const uint StatxInode = 0x100;

        protected override bool Call(byte[] path, byte[] buffer)
        {
            const uint wanted = StatxChangeTime | StatxInode;
            return Statx(AtCurrentDirectory, path, 0, wanted, buffer) == 0 && (BitConverter.ToUInt32(buffer, 0) & wanted) == wanted;
        }

        [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
        private static extern int Statx(int directoryFd, byte[] path, int flags, uint mask, [Out] byte[] buffer);
    }

    /// <summary>
    /// macOS <c>stat</c> with 64-bit inodes: <c>st_ino</c> at offset 8, <c>st_ctimespec</c> at 64 (the same layout on
    /// x64 and arm64). On x64 the plain <c>stat</c> symbol is the legacy 32-bit-inode one, so it is asked for by its
    /// <c>$INODE64</c> name there; arm64 has only the 64-bit one.
    /// </summary>
    private sealed class MacStat() : StatBuffer("stat", inodeOffset: 8, changeSecondsOffset: 64, changeNanosecondsOffset: 72)
    {
        protected override bool Call(byte[] path, byte[] buffer) =>
            (RuntimeInformation.ProcessArchitecture == Architecture.X64 ? StatInode64(path, buffer) : Stat(path, buffer)) == 0;

        [DllImport("libc", EntryPoint = "stat", SetLastError = true)]
        private static extern int Stat(byte[] path, [Out] byte[] buffer);

        [DllImport("libc", EntryPoint = "stat$INODE64", SetLastError = true)]
        private static extern int StatInode64(byte[] path, [Out] byte[] buffer);
    }

    /// <summary>
    /// Windows <c>GetFileInformationByHandleEx</c>: <c>FILE_BASIC_INFO.ChangeTime</c> (offset 24), and <c>FILE_ID_INFO</c>
    /// (volume serial, then a 128-bit id: NTFS uses the low 64 bits, ReFS all 128), folded into 64 bits. A file
    /// system without ids (FAT, some network shares) still gives the change time, which a replacing file gets anew.
    /// </summary>
    private sealed class WindowsFileInformation : FileChangeIdentity
    {
        private const int FileBasicInfo = 0;
        private const int FileIdInfo = 18;
        private const int BasicInfoSize = 40;
        private const int ChangeTimeOffset = 24;
        private const int IdInfoSize = 24;

        public override string Source => "GetFileInformationByHandleEx";

        public override bool TryRead(string fullPath, out long changeStamp, out long fileId)
        {
            changeStamp = 0;
            fileId = 0;
            try
            {
                using var stream = new FileStream(fullPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.None);
                var basic = new byte[BasicInfoSize];
                if (!GetFileInformationByHandleEx(stream.SafeFileHandle, FileBasicInfo, basic, BasicInfoSize))
                {
                    return false;
                }

                changeStamp = BitConverter.ToInt64(basic, ChangeTimeOffset);
                var id = new byte[IdInfoSize];
                if (GetFileInformationByHandleEx(stream.SafeFileHandle, FileIdInfo, id, IdInfoSize))
                {
                    ulong volume = BitConverter.ToUInt64(id, 0), low = BitConverter.ToUInt64(id, 8), high = BitConverter.ToUInt64(id, 16);
                    fileId = unchecked((long)(low ^ (high * 0x9E3779B97F4A7C15UL) ^ (volume << 32)));
                }

                return true;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or DllNotFoundException or EntryPointNotFoundException)
            {
                return false;
            }
        }

        [DllImport("kernel32", SetLastError = true)]
        [return: MarshalAs(UnmanagedType.Bool)]
        private static extern bool GetFileInformationByHandleEx(Microsoft.Win32.SafeHandles.SafeFileHandle file, int informationClass, [Out] byte[] information, int size);
    }

    /// <summary>A platform with none of the above (FreeBSD, ...): the cache uses the creation time.</summary>
    private sealed class None : FileChangeIdentity
    {
        public override string Source => "none";

        public override bool TryRead(string fullPath, out long changeStamp, out long fileId)
        {
            changeStamp = 0;
            fileId = 0;
            return false;
        }
    }
}
