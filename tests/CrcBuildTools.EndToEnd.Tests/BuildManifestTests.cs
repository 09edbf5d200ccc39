using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using CrcBuildTools.EndToEnd.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace CrcBuildTools.EndToEnd.Tests;

/// <summary>dotnet build with the package: what the manifest lists, incrementality, determinism, multi-targeting.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class BuildManifestTests(PackagedFeedFixture feed, ITestOutputHelper output)
{
    private const string Bin = "app/bin/Release/net10.0";

    // An app with a content file and a project reference to a multi-targeting library; both use the package.
    private static void WriteSolution(Workspace workspace)
    {
        workspace.WriteProject("lib", outputType: "Library", targetFrameworks: "netstandard2.0;net10.0");
        workspace.WriteFile("app/data/config.json", "{ \"setting\": 1 }\n");
        workspace.WriteProject("app", extraProjectXml: """
              <ItemGroup>
                <ProjectReference Include="../lib/lib.csproj" />
                <None Include="data/config.json" CopyToOutputDirectory="PreserveNewest" />
              </ItemGroup>
            """);
    }

    [Fact]
    public void BuildListsExactlyThisBuildsOutputsAndANoOpRebuildTouchesNothing()
    {
        using Workspace workspace = feed.CreateWorkspace("build");
        WriteSolution(workspace);
        // A leftover from an older build: in the folder, but not produced by this build.
        workspace.WriteFile(Bin + "/stale-leftover.dll", "old");

        // The library is built for both its frameworks first; the app's reference then builds only net10.0 again.
        workspace.Dotnet("build", "lib/lib.csproj", "-c", "Release").AssertSuccess();
        workspace.Dotnet("build", "app/app.csproj", "-c", "Release").AssertSuccess();

        string manifest = workspace.PathOf(Bin + "/app.crc64.json");
        var files = ManifestAssert.ListsExactlyTheFolder(manifest, workspace.PathOf(Bin), "stale-leftover.dll");
        foreach (string expected in new[] { "app", "app.dll", "app.pdb", "app.deps.json", "app.runtimeconfig.json", "lib.dll", "lib.pdb", "data/config.json", "CrcBuildTools.Runtime.dll", "CrcBuildTools.Hashing.dll" })
        {
            Assert.Contains(files, f => f.Path == expected);
        }

        // One manifest per target framework of the multi-targeting library, each for its own folder.
        foreach (string tfm in new[] { "netstandard2.0", "net10.0" })
        {
            string libBin = workspace.PathOf("lib/bin/Release/" + tfm);
            var libFiles = ManifestAssert.ListsExactlyTheFolder(Path.Combine(libBin, "lib.crc64.json"), libBin);
            Assert.Contains(libFiles, f => f.Path == "lib.dll");
        }

        // No-op rebuild: the manifest keeps its bytes and timestamp. The performance summary shows what it cost.
        byte[] before = File.ReadAllBytes(manifest);
        DateTime stamp = File.GetLastWriteTimeUtc(manifest);
        DotnetResult noOp = workspace.Dotnet("build", "app/app.csproj", "-c", "Release", "--no-restore", "-clp:PerformanceSummary").AssertSuccess();
        Assert.Equal(stamp, File.GetLastWriteTimeUtc(manifest));
        Assert.Equal(before, File.ReadAllBytes(manifest));
        Match target = Regex.Match(noOp.Output, @"^\s*(\d+) ms\s+Crc64WriteBuildManifest\s+(\d+) calls", RegexOptions.Multiline);
        Assert.True(target.Success, "the performance summary lists Crc64WriteBuildManifest");
        output.WriteLine($"No-op build: Crc64WriteBuildManifest took {target.Groups[1].Value} ms over {target.Groups[2].Value} calls (app + referenced lib); whole build {noOp.Elapsed.TotalSeconds:F1} s.");

        // Changing one content file updates the manifest for that file only.
        workspace.WriteFile("app/data/config.json", "{ \"setting\": 2 }\n");
        workspace.Dotnet("build", "app/app.csproj", "-c", "Release", "--no-restore").AssertSuccess();
        var after = ManifestAssert.ListsExactlyTheFolder(manifest, workspace.PathOf(Bin), "stale-leftover.dll");
        Assert.Equal(files.Where(f => f.Path != "data/config.json"), after.Where(f => f.Path != "data/config.json"));
        Assert.NotEqual(files.Single(f => f.Path == "data/config.json").Crc64, after.Single(f => f.Path == "data/config.json").Crc64);
    }

    [Fact]
    public void TwoCleanBuildsInDifferentFoldersGiveByteIdenticalManifests()
    {
        // Two machines build in different folders; a path map (what CI builds get from source control) keeps the
        // folder out of the assembly and pdb, so only the package could make the manifests differ.
        byte[] Build(string name)
        {
            using Workspace workspace = feed.CreateWorkspace(name);
            workspace.WriteFile("app/data/config.json", "{ \"setting\": 1 }\n");
            workspace.WriteProject("app", extraProjectXml: """
                  <ItemGroup>
                    <None Include="data/config.json" CopyToOutputDirectory="PreserveNewest" />
                  </ItemGroup>
                """);
            workspace.Dotnet("build", "app/app.csproj", "-c", "Release", "-p:PathMap=" + workspace.Root + "=/src").AssertSuccess();
            return File.ReadAllBytes(workspace.PathOf(Bin + "/app.crc64.json"));
        }

        byte[] first = Build("determinism-a");
        byte[] second = Build("determinism-b-longer-folder-name");
        Assert.Equal(first, second);
    }
}
