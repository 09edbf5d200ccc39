using System.IO;
using System.Linq;
using CrcBuildTools.EndToEnd.Tests.Infrastructure;
using CrcBuildTools.TestSupport;
using Xunit;

namespace CrcBuildTools.EndToEnd.Tests;

/// <summary>
/// Several projects built at once (<c>-m</c>) into one shared output folder: each manifest lists exactly what its own
/// project wrote there, with the right CRCs, and none lists another project's files or manifest.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class SharedOutputFolderTests(PackagedFeedFixture feed)
{
    private const string SharedOut = "<OutputPath>../out/</OutputPath><AppendTargetFrameworkToOutputPath>false</AppendTargetFrameworkToOutputPath>";

    [Fact]
    public void ParallelBuildIntoOneFolderGivesEachProjectItsOwnCorrectManifest()
    {
        using Workspace workspace = feed.CreateWorkspace("shared-out");
        foreach (string lib in new[] { "alpha", "beta", "gamma" })
        {
            workspace.WriteProject(lib, outputType: "Library", extraProjectXml: $"<PropertyGroup>{SharedOut}</PropertyGroup>");
        }

        workspace.WriteProject("app", extraProjectXml: $"""
              <PropertyGroup>{SharedOut}</PropertyGroup>
              <ItemGroup>
                <ProjectReference Include="../alpha/alpha.csproj" />
                <ProjectReference Include="../beta/beta.csproj" />
                <ProjectReference Include="../gamma/gamma.csproj" />
              </ItemGroup>
            """);

        workspace.Dotnet("build", "app/app.csproj", "-c", "Release", "-m:4").AssertSuccess();

        string folder = workspace.PathOf("out");
        foreach (string lib in new[] { "alpha", "beta", "gamma" })
        {
            var files = Checked(folder, lib);
            Assert.Contains(files, f => f.Path == lib + ".dll");
            Assert.All(files, f => Assert.StartsWith(lib + ".", f.Path, System.StringComparison.Ordinal));
        }

        var app = Checked(folder, "app");
        Assert.Contains(app, f => f.Path == "app.dll");
        Assert.Contains(app, f => f.Path == "alpha.dll"); // copied references are the app's outputs too
        Assert.DoesNotContain(app, f => f.Path.EndsWith(".crc64.json", System.StringComparison.Ordinal));

        // A second parallel build changes nothing: no manifest is rewritten.
        var stamps = Directory.GetFiles(folder, "*.crc64.json").ToDictionary(p => p, File.GetLastWriteTimeUtc);
        workspace.Dotnet("build", "app/app.csproj", "-c", "Release", "-m:4", "--no-restore").AssertSuccess();
        Assert.All(stamps, pair => Assert.Equal(pair.Value, File.GetLastWriteTimeUtc(pair.Key)));
    }

    // Every entry matches the file on disk (xz as the oracle) and no manifest lists any manifest.
    private static System.Collections.Generic.IReadOnlyList<ManifestFile> Checked(string folder, string project)
    {
        var files = ManifestAssert.Parse(Path.Combine(folder, project + ".crc64.json"));
        Assert.NotEmpty(files);
        foreach (ManifestFile file in files)
        {
            string path = Path.Combine(folder, file.Path);
            Assert.Equal(new FileInfo(path).Length, file.Length);
            Assert.Equal(XzOracle.Crc64(path), file.Crc64);
            Assert.False(file.Path.EndsWith(".crc64.json", System.StringComparison.Ordinal), $"{project} lists the manifest {file.Path}");
        }

        return files;
    }
}
