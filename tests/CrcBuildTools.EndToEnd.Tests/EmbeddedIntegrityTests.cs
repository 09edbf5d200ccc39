using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using CrcBuildTools.EndToEnd.Tests.Infrastructure;
using CrcBuildTools.TestSupport;
using Xunit;
using Xunit.Abstractions;

namespace CrcBuildTools.EndToEnd.Tests;

/// <summary>
/// The generated EmbeddedIntegrity class through the packed nupkg: a project with a PNG, a JSON file, a resx with
/// strings, a culture resx, an explicit LogicalName and odd names builds, runs and verifies; one changed byte inside
/// the built dll fails exactly that resource; an edited resource gets new constants on an incremental build; and a
/// trimmed publish verifies with no trim warnings.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class EmbeddedIntegrityTests(PackagedFeedFixture feed, ITestOutputHelper output)
{
    private const string Bin = "app/bin/Release/net10.0";

    // A PNG signature followed by bytes that occur nowhere else in the dll, so the tamper test can find them.
    private static readonly byte[] Png = new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }
        .Concat(Enumerable.Range(0, 3000).Select(i => (byte)((i * 131) ^ (i >> 3)))).ToArray();

    private const string Resx = """
        <?xml version="1.0" encoding="utf-8"?>
        <root>
          <resheader name="resmimetype"><value>text/microsoft-resx</value></resheader>
          <resheader name="version"><value>2.0</value></resheader>
          <resheader name="reader"><value>System.Resources.ResXResourceReader, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
          <resheader name="writer"><value>System.Resources.ResXResourceWriter, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
          <data name="Greeting" xml:space="preserve"><value>GREETING</value></data>
        </root>
        """;

    // Prints what the generated class recorded, then the verification result; exit code 1 when anything fails.
    private const string Program = """
        using System;
        foreach (var r in EmbeddedIntegrity.Resources) Console.WriteLine($"RES\t{r.Name}\t{r.Length}\t{r.Crc64}");
        Console.WriteLine($"JSONCRC\t{EmbeddedIntegrity.Crc64.app_Assets_data_json}");
        Console.WriteLine($"ODD\t{EmbeddedIntegrity.Name.app_odd_name_ü__1_txt}\t{EmbeddedIntegrity.Name._1st_file_txt}");
        if (EmbeddedIntegrity.TryVerify(out var failures)) { EmbeddedIntegrity.Verify(); Console.WriteLine("VERIFIED"); return 0; }
        foreach (var f in failures) Console.WriteLine($"FAIL\t{f.Name}\t{f.IsMissing}");
        try { EmbeddedIntegrity.Verify(); }
        catch (CrcBuildTools.Runtime.EmbeddedResourceIntegrityException e) { Console.WriteLine("MESSAGE\t" + e.Message.Replace('\n', ' ')); }
        return 1;
        """;

    [Fact]
    public void BuildRunTamperAndIncrementalRebuild()
    {
        using Workspace workspace = feed.CreateWorkspace("embedded");
        WriteProject(workspace);

        workspace.Dotnet("build", "app/app.csproj", "-c", "Release").AssertSuccess();
        var run = RunApp(workspace, "dotnet", workspace.PathOf(Bin + "/app.dll"));
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("VERIFIED", run.Output, StringComparison.Ordinal);

        var recorded = Recorded(run.Output);
        Assert.Equal(
            new[] { "1st-file.txt", "Custom/Explicit Name.bin", "app.Assets.data.json", "app.Assets.logo.png", "app.Strings.Messages.resources", "app.odd name-ü #1.txt" },
            recorded.Keys.OrderBy(k => k, StringComparer.Ordinal));
        // The culture resx went to the satellite assembly, not into the recorded set.
        Assert.True(File.Exists(workspace.PathOf(Bin + "/fr/app.resources.dll")));
        Assert.Contains("ODD\tapp.odd name-ü #1.txt\t1st-file.txt", run.Output, StringComparison.Ordinal);
        // Independent oracle: xz's CRC-64 of the files on disk.
        Assert.Equal(XzOracle.Crc64(workspace.PathOf("app/Assets/logo.png")), recorded["app.Assets.logo.png"].Crc);
        Assert.Equal(XzOracle.Crc64(workspace.PathOf("app/explicit.bin")), recorded["Custom/Explicit Name.bin"].Crc);
        Assert.Equal(XzOracle.Crc64(workspace.PathOf("app/obj/Release/net10.0/app.Strings.Messages.resources")), recorded["app.Strings.Messages.resources"].Crc);

        // Tamper: one byte of the PNG inside a copy of the built dll.
        string tampered = workspace.PathOf("tampered");
        CopyDirectory(workspace.PathOf(Bin), tampered);
        byte[] image = File.ReadAllBytes(Path.Combine(tampered, "app.dll"));
        int at = IndexOf(image, Png);
        Assert.True(at > 0 && IndexOf(image, Png, at + 1) < 0, "the PNG bytes must occur exactly once in the dll");
        image[at + 1000] ^= 0x5A;
        File.WriteAllBytes(Path.Combine(tampered, "app.dll"), image);
        var tamperedRun = RunApp(workspace, "dotnet", Path.Combine(tampered, "app.dll"));
        Assert.Equal(1, tamperedRun.ExitCode);
        var failures = tamperedRun.Output.Split('\n').Where(l => l.StartsWith("FAIL\t", StringComparison.Ordinal)).ToList();
        Assert.Equal(new[] { "FAIL\tapp.Assets.logo.png\tFalse" }, failures.Select(f => f.TrimEnd('\r')));
        Assert.Contains("CRC2201", tamperedRun.Output, StringComparison.Ordinal);

        // Incremental: edit a resource, rebuild without clean, the constant follows.
        workspace.WriteFile("app/Assets/data.json", "{ \"edited\": true }\n");
        workspace.Dotnet("build", "app/app.csproj", "-c", "Release", "--no-restore").AssertSuccess();
        var rerun = RunApp(workspace, "dotnet", workspace.PathOf(Bin + "/app.dll"));
        Assert.Equal(0, rerun.ExitCode);
        ulong edited = XzOracle.Crc64(workspace.PathOf("app/Assets/data.json"));
        Assert.Contains($"JSONCRC\t{edited}", rerun.Output, StringComparison.Ordinal);
        Assert.NotEqual(recorded["app.Assets.data.json"].Crc, edited);
    }

    [Fact]
    public void TrimmedPublishHasNoTrimWarningsAndVerifies()
    {
        using Workspace workspace = feed.CreateWorkspace("embedded-trimmed");
        WriteProject(workspace);

        var publish = workspace.Dotnet("publish", "app/app.csproj", "-c", "Release", "-r", "linux-x64", "-p:PublishTrimmed=true", "-o", workspace.PathOf("published")).AssertSuccess();

        Assert.DoesNotContain("warning IL", publish.Output, StringComparison.Ordinal);
        var run = RunApp(workspace, workspace.PathOf("published/app"));
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("VERIFIED", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void NativeAotPublishHasNoWarningsVerifiesAndItsManifestDescribesTheFinalFolder()
    {
        // net8.0: this machine's registry copy serves the .NET 8 ILCompiler packs but not .NET 10's NativeAOT pack.
        using Workspace workspace = feed.CreateWorkspace("embedded-aot");
        WriteProject(workspace, targetFramework: "net8.0");

        var publish = workspace.Dotnet("publish", "app/app.csproj", "-c", "Release", "-r", "linux-x64", "-p:PublishAot=true", "-o", workspace.PathOf("published")).AssertSuccess();

        Assert.DoesNotContain("warning IL", publish.Output, StringComparison.Ordinal);
        var run = RunApp(workspace, workspace.PathOf("published/app"));
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("VERIFIED", run.Output, StringComparison.Ordinal);

        // The ILCompiler rewrites the folder after Publish (native binary in, IL .pdb out, native .dbg in):
        // the manifest must describe the folder as it is at the end, checked against xz.
        var files = ManifestAssert.ListsExactlyTheFolder(workspace.PathOf("published/app.crc64.json"), workspace.PathOf("published"));
        Assert.Contains(files, f => f.Path == "app.dbg");
        Assert.DoesNotContain(files, f => f.Path == "app.pdb" || f.Path == "app.dll");
    }

    private static void WriteProject(Workspace workspace, string targetFramework = "net10.0")
    {
        Directory.CreateDirectory(workspace.PathOf("app/Assets"));
        File.WriteAllBytes(workspace.PathOf("app/Assets/logo.png"), Png);
        workspace.WriteFile("app/Assets/data.json", "{ \"name\": \"e2e\" }\n");
        workspace.WriteFile("app/Strings/Messages.resx", Resx);
        workspace.WriteFile("app/Strings/Messages.fr.resx", Resx.Replace("GREETING", "BONJOUR", StringComparison.Ordinal));
        workspace.WriteFile("app/explicit.bin", "explicit logical name\n");
        workspace.WriteFile("app/odd name-ü #1.txt", "odd\n");
        workspace.WriteFile("app/1st-file.txt", "first\n");
        workspace.WriteProject("app", targetFrameworks: targetFramework, extraProjectXml: """
              <ItemGroup>
                <EmbeddedResource Include="Assets/logo.png;Assets/data.json;odd name-ü #1.txt" />
                <EmbeddedResource Include="1st-file.txt" LogicalName="1st-file.txt" />
                <EmbeddedResource Include="explicit.bin" LogicalName="Custom/Explicit Name.bin" />
              </ItemGroup>
            """);
        workspace.WriteFile("app/Program.cs", Program);
    }

    private (int ExitCode, string Output) RunApp(Workspace workspace, string fileName, params string[] arguments) =>
        AppProcess.Run(workspace.Root, output, fileName, arguments);

    private static Dictionary<string, (long Length, ulong Crc)> Recorded(string text) =>
        text.Split('\n')
            .Select(l => l.TrimEnd('\r').Split('\t'))
            .Where(f => f[0] == "RES")
            .ToDictionary(f => f[1], f => (long.Parse(f[2], System.Globalization.CultureInfo.InvariantCulture), ulong.Parse(f[3], System.Globalization.CultureInfo.InvariantCulture)), StringComparer.Ordinal);

    private static int IndexOf(byte[] haystack, byte[] needle, int start = 0) =>
        haystack.AsSpan(start).IndexOf(needle) is var i and >= 0 ? i + start : -1;

    private static void CopyDirectory(string source, string target)
    {
        foreach (string file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            string destination = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }
    }
}
