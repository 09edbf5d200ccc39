using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using CrcBuildTools.EndToEnd.Tests.Infrastructure;
using CrcBuildTools.TestSupport;
using Xunit;
using Xunit.Abstractions;

namespace CrcBuildTools.EndToEnd.Tests;

/// <summary>
/// The hostile-input classes through the packed nupkg, as a user meets them: a manifest name pointing outside the
/// output or at a build output, symbolic links made by the build itself, a pipe among the outputs, a verify without a
/// manifest, upload settings out of range and a password in the endpoint, resource names the compiler would change
/// and names it keeps (checked by the built app's own Verify()). Every failing build must fail with the package's
/// code, never with MSBuild's "task failed unexpectedly" (MSB4018), a missing parameter (MSB4044) or a bad parameter
/// type (MSB4030), and nothing outside the output may change. Builds are few and reused: each costs 10-30 s here.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class HostileInputTests(PackagedFeedFixture feed, ITestOutputHelper output)
{
    private const string Bin = "app/bin/Release/net10.0";

    [Fact]
    public void ManifestNamesThatPointOutsideTheOutputOrAtABuildOutputFailBeforeAnythingIsWritten()
    {
        using Workspace workspace = feed.CreateWorkspace("manifest-name");
        workspace.WriteProject("app");
        workspace.Dotnet("build", "app/app.csproj", "-c", "Release").AssertSuccess();
        string program = workspace.PathOf("app/Program.cs");
        string programText = File.ReadAllText(program);
        byte[] assembly = File.ReadAllBytes(workspace.PathOf(Bin + "/app.dll"));
        string absolute = Path.Combine(Path.GetTempPath(), "crc64-e2e-absolute-" + Guid.NewGuid().ToString("N"), "nested", "m.json");

        foreach ((string name, string code) in new[]
        {
            ("../../../Program.cs", "CRC1011"),
            ("app.dll", "CRC1012"),
            (absolute, "CRC1011"),
            ("sub/app.crc64.json", "CRC1011"),
        })
        {
            DotnetResult build = workspace.Dotnet("build", "app/app.csproj", "-c", "Release", "--no-restore", "-p:Crc64ManifestFileName=" + name).AssertFailure();
            AssertCodedFailure(build, code);
        }

        Assert.Equal(programText, File.ReadAllText(program));
        Assert.Equal(assembly, File.ReadAllBytes(workspace.PathOf(Bin + "/app.dll")));
        Assert.False(Directory.Exists(Path.GetDirectoryName(Path.GetDirectoryName(absolute))), "an absolute manifest name created folders");
        Assert.False(Directory.Exists(workspace.PathOf(Bin + "/sub")));
    }

    [Fact]
    public void LinksTheBuildMakesAgreeBetweenTheWriterAndTheVerifier()
    {
        using Workspace workspace = feed.CreateWorkspace("links");
        // A link inside the output to another output file (made by MSBuild's own Copy task, registered as an output).
        workspace.WriteProject("app", extraProjectXml: """
              <Target Name="AddAliasLink" AfterTargets="CopyFilesToOutputDirectory" BeforeTargets="Crc64WriteBuildManifest">
                <Copy SourceFiles="$(OutDir)$(TargetFileName)" DestinationFiles="$(OutDir)alias.dll" UseSymboliclinksIfPossible="true" ErrorIfLinkFails="true" />
                <ItemGroup><FileWrites Include="$(OutDir)alias.dll" /></ItemGroup>
              </Target>
            """);

        workspace.Dotnet("build", "app/app.csproj", "-c", "Release").AssertSuccess();
        Assert.True(ManifestPathIsLink(workspace.PathOf(Bin + "/alias.dll")), "the build made a symbolic link");
        var files = ManifestAssert.Parse(workspace.PathOf(Bin + "/app.crc64.json"));
        Assert.Equal(XzOracle.Crc64(workspace.PathOf(Bin + "/app.dll")), files.Single(f => f.Path == "alias.dll").Crc64);
        Assert.Equal(files.Single(f => f.Path == "app.dll").Length, files.Single(f => f.Path == "alias.dll").Length);
        workspace.Dotnet("msbuild", "app/app.csproj", "-t:Crc64VerifyFolder", "-p:Crc64VerifyManifest=" + workspace.PathOf(Bin + "/app.crc64.json")).AssertSuccess();

        // MSBuild's symbolic-link outputs point into obj/: out of the folder. The writer refuses what the verifier
        // would refuse, with the reason and the way out, instead of writing a manifest that can never verify.
        // (A clean output folder: an unchanged app.dll would not be copied again, so no link would be made.)
        Directory.Delete(workspace.PathOf("app/bin"), recursive: true);
        DotnetResult linked = workspace.Dotnet("build", "app/app.csproj", "-c", "Release", "--no-restore", "-p:CreateSymbolicLinksForCopyFilesToOutputDirectoryIfPossible=true").AssertFailure();
        AssertCodedFailure(linked, "CRC1013");
        Assert.Contains("CreateSymbolicLinksForCopyFilesToOutputDirectoryIfPossible", linked.Output, StringComparison.Ordinal);
        Assert.Matches(@"app\.dll.*error CRC1013", linked.Output);
        workspace.Dotnet("build", "app/app.csproj", "-c", "Release", "--no-restore", "-p:CreateSymbolicLinksForCopyFilesToOutputDirectoryIfPossible=true", "-p:Crc64Manifest=false").AssertSuccess();
    }

    [Fact]
    public void APipeAmongTheOutputsAndAVerifyWithoutAManifestAreCodedErrors()
    {
        using Workspace workspace = feed.CreateWorkspace("pipe-output");
        workspace.WriteProject("app", extraProjectXml: """
              <Target Name="AddPipe" AfterTargets="CopyFilesToOutputDirectory" BeforeTargets="Crc64WriteBuildManifest">
                <Exec Command="rm -f &quot;$(OutDir)events.pipe&quot; &amp;&amp; mkfifo &quot;$(OutDir)events.pipe&quot;" />
                <ItemGroup><FileWrites Include="$(OutDir)events.pipe" /></ItemGroup>
              </Target>
            """);

        DotnetResult build = workspace.Dotnet("build", "app/app.csproj", "-c", "Release").AssertFailure();
        AssertCodedFailure(build, "CRC1014");

        DotnetResult verify = workspace.Dotnet("msbuild", "app/app.csproj", "-t:Crc64VerifyFolder").AssertFailure();
        AssertCodedFailure(verify, "CRC1008");

        DotnetResult parallelism = workspace.Dotnet("msbuild", "app/app.csproj", "-t:Crc64VerifyFolder", "-p:Crc64VerifyManifest=x.json", "-p:Crc64ManifestParallelism=many").AssertFailure();
        AssertCodedFailure(parallelism, "CRC1008");
    }

    [Fact]
    public void UploadSettingsOutOfRangeAreCrc3006AndAPasswordInTheEndpointIsNeverEchoed()
    {
        using Workspace workspace = feed.CreateWorkspace("upload-settings");
        workspace.WriteProject("app");
        DotnetResult publish = workspace.Dotnet(
            "publish", "app/app.csproj", "-c", "Release", "-o", "out",
            "-p:Crc64Upload=true", "-p:Crc64UploadProvider=oss", "-p:Crc64UploadBucket=releases", "-p:Crc64UploadRegion=cn-hangzhou",
            "-p:Crc64UploadEndpoint=https://deploy:hunter2@storage.example.com",
            "-p:Crc64UploadRequestTimeoutSeconds=5000000", "-p:Crc64UploadParallelism=-5", "-p:Crc64UploadMaxAttempts=0",
            "-p:Crc64UploadPartSize=-1", "-p:Crc64UploadMultipartThreshold=lots").AssertFailure();

        string[] codes = Regex.Matches(publish.Output, @"error (CRC\d{4}):").Select(m => m.Groups[1].Value).Distinct().OrderBy(c => c, StringComparer.Ordinal).ToArray();
        Assert.Equal(new[] { "CRC3006" }, codes); // the unparseable threshold stops before the ranges are checked
        AssertCodedFailure(publish, "CRC3006");

        DotnetResult ranges = workspace.Dotnet(
            "publish", "app/app.csproj", "-c", "Release", "-o", "out", "--no-build",
            "-p:Crc64Upload=true", "-p:Crc64UploadProvider=oss", "-p:Crc64UploadBucket=releases", "-p:Crc64UploadRegion=cn-hangzhou",
            "-p:Crc64UploadEndpoint=https://deploy:hunter2@storage.example.com",
            "-p:Crc64UploadRequestTimeoutSeconds=5000000", "-p:Crc64UploadParallelism=-5", "-p:Crc64UploadMaxAttempts=0", "-p:Crc64UploadPartSize=-1").AssertFailure();
        foreach (string text in new[] { "Crc64UploadRequestTimeoutSeconds 5000000 is out of range", "Crc64UploadParallelism -5 is out of range", "Crc64UploadMaxAttempts 0 is out of range", "Crc64UploadPartSize -1 is out of range" })
        {
            Assert.Contains(text, ranges.Output, StringComparison.Ordinal);
        }

        Assert.Contains("error CRC3004", ranges.Output, StringComparison.Ordinal);
        Assert.Contains("https://***@storage.example.com", ranges.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", ranges.Output + publish.Output, StringComparison.Ordinal);
        AssertCodedFailure(ranges, "CRC3006");
    }

    [Fact]
    public void ResourceNamesTheCompilerKeepsVerifyInTheAppAndNamesItWouldChangeAreCrc2104()
    {
        using Workspace workspace = feed.CreateWorkspace("resource-names");
        workspace.WriteFile("app/a.txt", "line separators\n");
        workspace.WriteFile("app/b.txt", "next line and controls\n");
        workspace.WriteFile("app/c.txt", "bidi\n");
        workspace.WriteFile("app/d.txt", "odd\n");
        workspace.WriteProject("app", extraProjectXml: """
              <ItemGroup>
                <EmbeddedResource Include="a.txt" LogicalName="line&#x2028;para&#x2029;.txt" />
                <EmbeddedResource Include="b.txt" LogicalName="next&#x85;del&#x7F;c1&#x9B;.txt" />
                <EmbeddedResource Include="c.txt" LogicalName="bidi&#x202E;txt.exe; semicolon, comma" />
                <EmbeddedResource Include="d.txt" LogicalName="$(OddName)" Condition="'$(OddName)' != ''" />
              </ItemGroup>
            """);
        workspace.WriteFile("app/Program.cs", """
            using System;
            using System.Linq;
            foreach (var r in EmbeddedIntegrity.Resources) Console.WriteLine($"RES\t{string.Join(",", r.Name.Select(c => ((int)c).ToString("x")))}\t{r.Crc64}");
            EmbeddedIntegrity.Verify();
            Console.WriteLine("VERIFIED " + EmbeddedIntegrity.Resources.Count);
            """);

        workspace.Dotnet("build", "app/app.csproj", "-c", "Release").AssertSuccess();
        (int exitCode, string text) = AppProcess.Run(workspace.Root, output, "dotnet", workspace.PathOf(Bin + "/app.dll"));
        Assert.Equal(0, exitCode);
        Assert.Contains("VERIFIED 3", text, StringComparison.Ordinal);
        Assert.Contains($"\t{XzOracle.Crc64(workspace.PathOf("app/a.txt"))}", text, StringComparison.Ordinal);
        Assert.Contains(string.Join(",", "line\u2028para\u2029.txt".Select(c => ((int)c).ToString("x"))), text, StringComparison.Ordinal);

        foreach (string odd in new[] { "Folder\\logo.png", "tab%09name.txt", "quote%22%2C comma" }) // %22 is a quote, %2C a comma: -p: would split at a bare comma
        {
            DotnetResult refused = workspace.Dotnet("build", "app/app.csproj", "-c", "Release", "--no-restore", "-p:OddName=" + odd).AssertFailure();
            AssertCodedFailure(refused, "CRC2104");
        }
    }

    private void AssertCodedFailure(DotnetResult result, string code)
    {
        output.WriteLine($"{result.Arguments}: {result.Elapsed.TotalSeconds:F1} s");
        Assert.True(Regex.IsMatch(result.Output, $@"error {code}\b"), $"expected error {code}:\n{Tail(result.Output)}");
        foreach (string msbuildFailure in new[] { "MSB4018", "MSB4044", "MSB4030", "MSB4026", "Unhandled exception" })
        {
            Assert.False(result.Output.Contains(msbuildFailure, StringComparison.Ordinal), $"{msbuildFailure} in:\n{Tail(result.Output)}");
        }
    }

    private static bool ManifestPathIsLink(string path) => (File.GetAttributes(path) & FileAttributes.ReparsePoint) != 0;

    private static string Tail(string text) => string.Join("\n", text.Split('\n').TakeLast(40));
}
