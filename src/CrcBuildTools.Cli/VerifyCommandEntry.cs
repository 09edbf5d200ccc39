using System.IO;

namespace CrcBuildTools.Cli;

/// <summary>Routes <c>crc64xz verify</c> to <see cref="VerifyCommand"/>.</summary>
internal static class VerifyCommandEntry
{
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr) => VerifyCommand.Run(args, stdout, stderr);
}
