using System.IO;
using CrcBuildTools.EndToEnd.Tests.Infrastructure;
using Xunit;

namespace CrcBuildTools.EndToEnd.Tests;

/// <summary>The Crc64VerifyFolder target, as a deploy pipeline runs it against a published folder.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class VerifyTargetTests(PackagedFeedFixture feed)
{
    [Fact]
    public void VerifyTargetPassesOnTheReceivedFolderAndCatchesTamperedMissingAndExtraFiles()
    {
        using Workspace workspace = feed.CreateWorkspace("verify");
        workspace.WriteProject("app");
        workspace.Dotnet("publish", "app/app.csproj", "-c", "Release", "-o", "out").AssertSuccess();
        string manifest = workspace.PathOf("out/app.crc64.json");

        DotnetResult Verify() => workspace.Dotnet("msbuild", "app/app.csproj", "-t:Crc64VerifyFolder", "-p:Crc64VerifyManifest=" + manifest);

        Assert.Contains("files verified", Verify().AssertSuccess().Output, System.StringComparison.Ordinal);

        File.AppendAllText(workspace.PathOf("out/app.runtimeconfig.json"), " ");
        File.Delete(workspace.PathOf("out/app.pdb"));
        workspace.WriteFile("out/dropped-in.dll", "not from the build");

        DotnetResult failed = Verify().AssertFailure();
        Assert.Matches(@"app\.runtimeconfig\.json.*error CRC1006", failed.Output);
        Assert.Matches(@"app\.pdb.*error CRC1005", failed.Output);
        Assert.Matches(@"dropped-in\.dll.*error CRC1007", failed.Output);
        Assert.Contains("3 differences", failed.Output, System.StringComparison.Ordinal);
    }
}
