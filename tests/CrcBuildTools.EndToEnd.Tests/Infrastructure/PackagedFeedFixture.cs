using System;
using System.Collections.Generic;
using System.IO;

namespace CrcBuildTools.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Once per test run: packs the CrcBuildTools packages (and the crc64xz tool), exactly as released, into a folder
/// feed with a fixed version, and provides an isolated package cache for the throwaway projects.
/// </summary>
/// <remarks>
/// Packing uses its own artifacts folder (artifacts/e2e/build), so it never fights with the repository's normal
/// bin/obj over file locks, and repeated local runs are incremental. The package cache (artifacts/e2e/packages) is
/// shared by all tests of the run and across runs, except that CrcBuildTools* is purged first, so the freshly
/// packed bits are always the ones restored.
/// </remarks>
public sealed class PackagedFeedFixture
{
    /// <summary>The version every throwaway project references.</summary>
    public const string PackageVersion = "0.1.0-e2e";

    /// <summary>Packs both packages; throws with the build output when packing fails.</summary>
    public PackagedFeedFixture()
    {
        FeedDirectory = Path.Combine(RepositoryPaths.E2eArtifacts, "feed");
        PackagesDirectory = Path.Combine(RepositoryPaths.E2eArtifacts, "packages");
        WorkspacesDirectory = Path.Combine(Path.GetTempPath(), "crcbuildtools-e2e");
        if (Directory.Exists(FeedDirectory))
        {
            Directory.Delete(FeedDirectory, recursive: true);
        }

        Directory.CreateDirectory(FeedDirectory);
        Directory.CreateDirectory(PackagesDirectory);
        Directory.CreateDirectory(WorkspacesDirectory);
        foreach (string stale in Directory.GetDirectories(PackagesDirectory, "crcbuildtools*"))
        {
            Directory.Delete(stale, recursive: true);
        }

        string buildArtifacts = Path.Combine(RepositoryPaths.E2eArtifacts, "build");
        // The receiving side adds the library an updater references (with the manifest reader it depends on) and the
        // crc64xz tool, installed from the feed like a user would.
        foreach (string project in new[]
                 {
                     "src/CrcBuildTools.Package/CrcBuildTools.Package.csproj", "src/CrcBuildTools.Hashing/CrcBuildTools.Hashing.csproj",
                     "src/CrcBuildTools.Manifests/CrcBuildTools.Manifests.csproj", "src/CrcBuildTools.ObjectStorage/CrcBuildTools.ObjectStorage.csproj",
                     "src/CrcBuildTools.Cli/CrcBuildTools.Cli.csproj",
                 })
        {
            DotnetResult pack = DotnetProcess.Run(
                RepositoryPaths.Root,
                new[] { "pack", project, "-c", "Release", "-o", FeedDirectory, "--artifacts-path", buildArtifacts, "-p:Version=" + PackageVersion },
                Environment);
            PackTime += pack.Elapsed;
            pack.AssertSuccess();
        }
    }

    /// <summary>The folder feed holding CrcBuildTools, .Hashing, .Manifests, .ObjectStorage and .Cli at <see cref="PackageVersion"/>.</summary>
    public string FeedDirectory { get; }

    /// <summary>The isolated NUGET_PACKAGES of every throwaway project.</summary>
    public string PackagesDirectory { get; }

    /// <summary>Where throwaway workspaces are created.</summary>
    public string WorkspacesDirectory { get; }

    /// <summary>How long packing took, for reports.</summary>
    public TimeSpan PackTime { get; }

    /// <summary>The environment every dotnet invocation of the e2e tests gets.</summary>
    public IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string> { ["NUGET_PACKAGES"] = PackagesDirectory };

    /// <summary>Creates an empty workspace with its own nuget.config and no inherited Directory.Build files.</summary>
    /// <param name="name">A short name that shows up in the folder name.</param>
    /// <returns>The workspace; dispose it to delete the folder.</returns>
    public Workspace CreateWorkspace(string name) => new(this, name);
}
