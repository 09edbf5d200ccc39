using System;
using System.IO;
using System.Linq;
using System.Reflection;
using Xunit.Sdk;

namespace CrcBuildTools.Generator.Tests.Support;

/// <summary>
/// A small stand-in for Verify (not restorable here): compares text with Snapshots/&lt;name&gt;.verified.cs beside this
/// project. On a mismatch it writes &lt;name&gt;.received.cs and fails; with CRCBUILDTOOLS_ACCEPT_SNAPSHOTS=1 it
/// accepts the new text as verified instead.
/// </summary>
internal static class Snapshot
{
    public const string AcceptVariable = "CRCBUILDTOOLS_ACCEPT_SNAPSHOTS";

    public static void Match(string actual, string name)
    {
        string directory = Path.Combine(ProjectDirectory(), "Snapshots");
        string verifiedPath = Path.Combine(directory, name + ".verified.cs");
        string receivedPath = Path.Combine(directory, name + ".received.cs");
        string normalized = actual.Replace("\r\n", "\n", StringComparison.Ordinal);

        string? verified = File.Exists(verifiedPath) ? File.ReadAllText(verifiedPath).Replace("\r\n", "\n", StringComparison.Ordinal) : null;
        if (verified == normalized)
        {
            File.Delete(receivedPath);
            return;
        }

        if (Environment.GetEnvironmentVariable(AcceptVariable) == "1")
        {
            Directory.CreateDirectory(directory);
            File.WriteAllText(verifiedPath, normalized);
            File.Delete(receivedPath);
            return;
        }

        Directory.CreateDirectory(directory);
        File.WriteAllText(receivedPath, normalized);
        throw new XunitException(
            verified is null
                ? $"No snapshot '{verifiedPath}' yet. Review '{receivedPath}', then rename it to .verified.cs or rerun with {AcceptVariable}=1."
                : $"Generated source differs from '{verifiedPath}'. Compare it with '{receivedPath}'; if the change is intended, rerun with {AcceptVariable}=1.\n{FirstDifference(verified, normalized)}");
    }

    private static string ProjectDirectory()
    {
        // Stamped in by the project file. Not [CallerFilePath]: CI builds map source paths to "/_/" (deterministic
        // PathMap), so the compiler's idea of where a source file lives is not a real folder there.
        string? directory = typeof(Snapshot).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "ProjectDirectory")?.Value;
        return directory is not null && Directory.Exists(directory)
            ? directory
            : throw new InvalidOperationException($"The test project directory '{directory}' recorded at build time does not exist; rebuild the tests.");
    }

    private static string FirstDifference(string expected, string actual)
    {
        var expectedLines = expected.Split('\n');
        var actualLines = actual.Split('\n');
        for (int i = 0; i < Math.Max(expectedLines.Length, actualLines.Length); i++)
        {
            string e = i < expectedLines.Length ? expectedLines[i] : "(end of file)";
            string a = i < actualLines.Length ? actualLines[i] : "(end of file)";
            if (e != a)
            {
                return $"First difference at line {i + 1}:\n  verified: {e}\n  received: {a}";
            }
        }

        return string.Empty;
    }
}
