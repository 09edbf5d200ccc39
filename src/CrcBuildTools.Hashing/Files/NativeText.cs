using System;
using System.Runtime.InteropServices;
using System.Text;

namespace CrcBuildTools.Hashing.Files;

/// <summary>Paths to and from the NUL-terminated UTF-8 that Unix system calls take.</summary>
internal static class NativeText
{
    public static byte[] NullTerminated(string path)
    {
        var bytes = new byte[Encoding.UTF8.GetByteCount(path) + 1];
        Encoding.UTF8.GetBytes(path, 0, path.Length, bytes, 0);
        return bytes;
    }

    public static string FromNullTerminated(IntPtr text)
    {
        int length = 0;
        while (Marshal.ReadByte(text, length) != 0)
        {
            length++;
        }

        var bytes = new byte[length];
        Marshal.Copy(text, bytes, 0, length);
        return Encoding.UTF8.GetString(bytes);
    }
}
