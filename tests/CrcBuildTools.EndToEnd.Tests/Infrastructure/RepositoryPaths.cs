using System;
using System.IO;

namespace CrcBuildTools.EndToEnd.Tests.Infrastructure;

/// <summary>Locates the repository from the test assembly's folder.</summary>
public static class RepositoryPaths
{
    /// <summary>The folder holding CrcBuildTools.sln.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>Scratch space that survives between runs (gitignored), so repeated local runs stay incremental.</summary>
    public static string E2eArtifacts => Path.Combine(Root, "artifacts", "e2e");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CrcBuildTools.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No CrcBuildTools.sln above '{AppContext.BaseDirectory}'.");
    }
}
