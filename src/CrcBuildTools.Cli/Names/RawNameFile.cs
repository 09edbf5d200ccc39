using System;
using System.Globalization;
using System.IO;
using System.Runtime.InteropServices;

namespace CrcBuildTools.Cli.Names;

/// <summary>
/// Opens a file whose name is not valid UTF-8 by its exact bytes and exposes it as <c>/proc/self/fd/N</c>, a path
/// .NET can pass on, so the CRC engine hashes it under its usual rules. Linux only; closed on dispose.
/// </summary>
internal sealed class RawNameFile : IDisposable
{
    private const int ReadOnly = 0;
    private const int NonBlocking = 0x800; // O_NONBLOCK: probing a FIFO must not wait for a writer
    private const int CloseOnExec = 0x80000;

    private readonly int _descriptor;

    private RawNameFile(int descriptor)
    {
        _descriptor = descriptor;
        Path = "/proc/self/fd/" + descriptor.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>A path that names the opened file for as long as this object lives.</summary>
    public string Path { get; }

    public static RawNameFile Open(byte[] name)
    {
        var terminated = new byte[name.Length + 1];
        name.CopyTo(terminated, 0);
        int descriptor = OpenNative(terminated, ReadOnly | NonBlocking | CloseOnExec);
        if (descriptor < 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            throw errno switch
            {
                2 or 20 => new FileNotFoundException("The file does not exist."),
                1 or 13 => new UnauthorizedAccessException("Permission denied."),
                _ => new IOException(Marshal.GetPInvokeErrorMessage(errno)),
            };
        }

        return new RawNameFile(descriptor);
    }

    public void Dispose() => CloseNative(_descriptor);

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    private static extern int OpenNative(byte[] path, int flags);

    [DllImport("libc", EntryPoint = "close")]
    private static extern int CloseNative(int descriptor);
}
