using System.IO;

namespace CrcBuildTools.Cli;

/// <summary>Routes <c>crc64xz verify</c> to its implementation (VerifyCommand, added with the manifest library).</summary>
internal static class VerifyCommandEntry
{
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        _ = args;
        _ = stdout;
        stderr.WriteLine("crc64xz: 'verify' is not available in this build.");
        return ExitCodes.UsageError;
    }
}
