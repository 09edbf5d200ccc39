using CrcBuildTools.EndToEnd.Tests.Infrastructure;
using Xunit;

namespace CrcBuildTools.EndToEnd.Tests;

/// <summary>
/// An MSBuild older than the supported floor gets one coded error naming the floor, instead of the failures it would
/// meet later (an analyzer the compiler cannot load, a task assembly its runtime cannot load). MSBuildVersion itself
/// cannot be set from outside, so the test raises the floor above the running MSBuild instead.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class MSBuildFloorTests(PackagedFeedFixture feed)
{
    [Fact]
    public void AnMSBuildBelowTheFloorStopsTheBuildWithCrc1040()
    {
        using Workspace workspace = feed.CreateWorkspace("floor");
        workspace.WriteProject("app");

        DotnetResult result = workspace.Dotnet("build", "app/app.csproj", "-c", "Release", "-p:_Crc64MinimumMSBuildVersion=99.0").AssertFailure();

        Assert.Matches(@"app\.csproj.*error CRC1040: CrcBuildTools needs MSBuild 99\.0 or later .*but this build runs MSBuild 1\d\.", result.Output);
        Assert.DoesNotContain("error CS", result.Output, System.StringComparison.Ordinal);
    }
}
