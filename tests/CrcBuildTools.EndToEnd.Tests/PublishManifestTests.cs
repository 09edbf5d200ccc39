using System.IO;
using System.Linq;
using CrcBuildTools.EndToEnd.Tests.Infrastructure;
using Xunit;

namespace CrcBuildTools.EndToEnd.Tests;

/// <summary>dotnet publish with the package: every publish shape lists exactly what it placed in PublishDir.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class PublishManifestTests(PackagedFeedFixture feed)
{
    private static void WriteApp(Workspace workspace)
    {
        workspace.WriteFile("app/wwwroot/site.css", "body { color: black; }\n");
        workspace.WriteProject("app", extraProjectXml: """
              <ItemGroup>
                <Content Include="wwwroot/site.css" CopyToPublishDirectory="PreserveNewest" />
              </ItemGroup>
            """);
    }

    [Fact]
    public void FrameworkDependentNoBuildAndDisabledPublishes()
    {
        using Workspace workspace = feed.CreateWorkspace("publish-fdd");
        WriteApp(workspace);

        workspace.Dotnet("publish", "app/app.csproj", "-c", "Release", "-o", "out/fdd").AssertSuccess();
        var files = ManifestAssert.ListsExactlyTheFolder(workspace.PathOf("out/fdd/app.crc64.json"), workspace.PathOf("out/fdd"));
        Assert.Contains(files, f => f.Path == "wwwroot/site.css");
        Assert.Contains(files, f => f.Path == "app.dll");

        // --no-build publishes what the earlier build produced; the file name is configurable.
        workspace.Dotnet("publish", "app/app.csproj", "-c", "Release", "--no-build", "-o", "out/nobuild", "-p:Crc64ManifestFileName=release.crc64.json").AssertSuccess();
        var noBuild = ManifestAssert.ListsExactlyTheFolder(workspace.PathOf("out/nobuild/release.crc64.json"), workspace.PathOf("out/nobuild"));
        Assert.Equal(files, noBuild);

        workspace.Dotnet("publish", "app/app.csproj", "-c", "Release", "--no-build", "-o", "out/off", "-p:Crc64Manifest=false").AssertSuccess();
        Assert.DoesNotContain(Directory.GetFiles(workspace.PathOf("out/off")), f => f.EndsWith(".crc64.json", System.StringComparison.Ordinal));
    }

    [Fact]
    public void SelfContainedReadyToRunAndSingleFilePublishes()
    {
        using Workspace workspace = feed.CreateWorkspace("publish-sc");
        WriteApp(workspace);

        workspace.Dotnet("publish", "app/app.csproj", "-c", "Release", "-r", "linux-x64", "--self-contained", "-p:PublishReadyToRun=true", "-o", "out/sc").AssertSuccess();
        var selfContained = ManifestAssert.ListsExactlyTheFolder(workspace.PathOf("out/sc/app.crc64.json"), workspace.PathOf("out/sc"));
        Assert.Contains(selfContained, f => f.Path == "libcoreclr.so");
        Assert.Contains(selfContained, f => f.Path == "System.Private.CoreLib.dll");
        Assert.True(selfContained.Count > 100);

        workspace.Dotnet("publish", "app/app.csproj", "-c", "Release", "-r", "linux-x64", "--self-contained", "-p:PublishSingleFile=true", "-o", "out/single").AssertSuccess();
        var single = ManifestAssert.ListsExactlyTheFolder(workspace.PathOf("out/single/app.crc64.json"), workspace.PathOf("out/single"));
        // The bundle and what stays beside it; the bundled assemblies are inside "app", not in the folder.
        Assert.Contains(single, f => f.Path == "app" && f.Length > 10_000_000);
        Assert.Contains(single, f => f.Path == "wwwroot/site.css");
        Assert.DoesNotContain(single, f => f.Path == "app.dll");
    }
}
