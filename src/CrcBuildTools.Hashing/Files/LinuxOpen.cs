using System;
using System.IO;
using System.Runtime.InteropServices;

namespace CrcBuildTools.Hashing.Files;

/// <summary>
/// open(2) with O_NONBLOCK, so that a path swapped for a FIFO between the check and the open cannot block the
/// caller forever, and the real path of an open descriptor, so that a folder swapped for a link in that same window
/// is caught on what was actually opened. Only on architectures whose open flags are known here.
/// </summary>
internal static class LinuxOpen
{
    private const int ReadOnly = 0;
    private const int NonBlocking = 0x800;     // O_NONBLOCK on x86, x64, arm, arm64, loongarch64
    private const int CloseOnExec = 0x80000;   // O_CLOEXEC on the same

    /// <summary>Whether <see cref="Open"/> can be used on this platform.</summary>
    /// <remarks>
    /// Not in the netstandard2.0 build: it runs on .NET Framework and Mono, whose FileStream does not take a raw
    /// descriptor; there the type is still probed before opening, and only the window between probe and open remains.
    /// </remarks>
    public static bool IsAvailable { get; } =
#if NET8_0_OR_GREATER
        RuntimeInformation.IsOSPlatform(OSPlatform.Linux) && LinuxStat.IsAvailable &&
        RuntimeInformation.ProcessArchitecture is Architecture.X64 or Architecture.X86 or Architecture.Arm or Architecture.Arm64 or Architecture.LoongArch64;
#else
        false;
#endif

    /// <summary>Opens for reading without blocking; throws the exception .NET would throw for the same errno.</summary>
    public static int Open(string path)
    {
        int descriptor = OpenNative(NativeText.NullTerminated(path), ReadOnly | NonBlocking | CloseOnExec);
        if (descriptor >= 0)
        {
            return descriptor;
        }

        int errno = Marshal.GetLastWin32Error();
        throw errno switch
        {
            2 or 20 => new FileNotFoundException($"Could not find file '{path}'.", path),
            1 or 13 => new UnauthorizedAccessException($"Access to the path '{path}' is denied."),
            _ => new IOException($"The file '{path}' cannot be opened (error {errno}).", errno),
        };
    }

    /// <summary>Closes a descriptor that was not handed to a stream.</summary>
    public static void Close(int descriptor) => CloseNative(descriptor);

    /// <summary>The path the kernel holds for an open descriptor, or <see langword="null"/> when it cannot say.</summary>
    public static string? RealPathOf(int descriptor)
    {
#if NET8_0_OR_GREATER
        try
        {
            return new FileInfo("/proc/self/fd/" + descriptor.ToString(System.Globalization.CultureInfo.InvariantCulture)).LinkTarget;
        }
        catch (IOException)
        {
            return null;
        }
#else
        return null;
#endif
    }

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    private static extern int OpenNative(byte[] path, int flags);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    private static extern int CloseNative(int descriptor);
}
