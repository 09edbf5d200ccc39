using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;

namespace CrcBuildTools.Benchmarks;

/// <summary>
/// Two copies of one project with thousands of small embedded resources, one referencing the CrcBuildTools package
/// packed from this repository into a folder feed (as the end-to-end suite does), one not; and a clean build of either.
/// </summary>
internal sealed class ResourceBuildWorkspace
{
    private const string Version = "0.1.0-bench";
    private readonly string _root;
    private readonly Dictionary<string, string> _environment;

    private ResourceBuildWorkspace(string root, Dictionary<string, string> environment)
    {
        _root = root;
        _environment = environment;
        WithPackage = Path.Combine(root, "with-package");
        WithoutPackage = Path.Combine(root, "without-package");
    }

    public static int DefaultResourceCount =>
        int.TryParse(Environment.GetEnvironmentVariable("CRC_BENCH_RESOURCES"), NumberStyles.None, CultureInfo.InvariantCulture, out int count) ? count : 10_000;

    public string WithPackage { get; }

    public string WithoutPackage { get; }

    /// <summary>Packs the package, writes both projects, and warms the package cache and compiler server with one build each.</summary>
    /// <remarks><c>CRC_BENCH_PACKAGE_SOURCE</c> packs another checkout instead (to compare with an earlier commit).</remarks>
    public static ResourceBuildWorkspace Create(int resourceCount)
    {
        string here = FindRepository();
        string repository = Environment.GetEnvironmentVariable("CRC_BENCH_PACKAGE_SOURCE") is { Length: > 0 } other ? Path.GetFullPath(other) : here;
        string root = Path.Combine(here, "artifacts", "bench", "resources");
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }

        string feed = Path.Combine(root, "feed");
        Directory.CreateDirectory(feed);
        var workspace = new ResourceBuildWorkspace(root, new Dictionary<string, string> { ["NUGET_PACKAGES"] = Path.Combine(root, "packages") });
        foreach (string project in new[] { "src/CrcBuildTools.Package/CrcBuildTools.Package.csproj", "src/CrcBuildTools.Hashing/CrcBuildTools.Hashing.csproj" })
        {
            workspace.Dotnet(repository, "pack", project, "-c", "Release", "-o", feed, "--artifacts-path", Path.Combine(root, "build"), "-p:Version=" + Version);
        }

        File.WriteAllText(Path.Combine(root, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="bench" value="{feed}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
              </packageSources>
            </configuration>
            """);
        File.WriteAllText(Path.Combine(root, "Directory.Build.props"), "<Project />\n");
        File.WriteAllText(Path.Combine(root, "Directory.Build.targets"), "<Project />\n");
        WriteProject(workspace.WithPackage, resourceCount, reference: true);
        WriteProject(workspace.WithoutPackage, resourceCount, reference: false);
        workspace.BuildClean(workspace.WithoutPackage);
        workspace.BuildClean(workspace.WithPackage);
        return workspace;
    }

    /// <summary>Deletes bin/ and obj/ and builds (restore included); returns the build's output.</summary>
    public string BuildClean(string project, params string[] extraArguments)
    {
        foreach (string output in new[] { "bin", "obj" })
        {
            string path = Path.Combine(project, output);
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
        }

        var arguments = new List<string> { "build", "-c", "Release", "-nodeReuse:false", "-nologo", "-tl:off", "-v:q" };
        arguments.AddRange(extraArguments);
        return Dotnet(project, arguments.ToArray());
    }

    private static void WriteProject(string folder, int resourceCount, bool reference)
    {
        var random = new Random(42);
        for (int i = 0; i < resourceCount; i++)
        {
            string file = Path.Combine(folder, "Assets", $"folder{i / 100:D3}", $"resource-file-{i:D5}.txt");
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            var bytes = new byte[random.Next(16, 512)];
            random.NextBytes(bytes);
            File.WriteAllBytes(file, bytes);
        }

        string name = Path.GetFileName(folder);
        File.WriteAllText(Path.Combine(folder, "Program.cs"), "System.Console.WriteLine(typeof(Program).Assembly.GetManifestResourceNames().Length);\n");
        File.WriteAllText(Path.Combine(folder, name + ".csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
              </PropertyGroup>
              <ItemGroup>
                <EmbeddedResource Include="Assets/**/*.txt" />
                {(reference ? $"<PackageReference Include=\"CrcBuildTools\" Version=\"{Version}\" />" : string.Empty)}
              </ItemGroup>
            </Project>
            """);
    }

    private string Dotnet(string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach ((string key, string value) in _environment)
        {
            start.Environment[key] = value;
        }

        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet {string.Join(' ', arguments)} failed in {workingDirectory}:\n{stdout}\n{stderr.Result}");
        }

        return stdout;
    }

    private static string FindRepository()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CrcBuildTools.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Run the benchmark from the repository (no CrcBuildTools.sln above " + AppContext.BaseDirectory + ").");
    }
}
