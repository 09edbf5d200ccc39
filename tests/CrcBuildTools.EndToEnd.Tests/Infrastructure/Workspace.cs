using System;
using System.IO;
using System.Threading;

namespace CrcBuildTools.EndToEnd.Tests.Infrastructure;

/// <summary>
/// A throwaway folder where a test writes projects and runs dotnet on them, isolated like a user's machine: its own
/// nuget.config (the packed feed plus nuget.org), the run's isolated package cache, and empty Directory.Build files
/// so nothing from above leaks in. Set CRC_E2E_KEEP=1 to keep the folder for inspection.
/// </summary>
public sealed class Workspace : IDisposable
{
    private readonly PackagedFeedFixture _fixture;
    private int _invocation;

    internal Workspace(PackagedFeedFixture fixture, string name)
    {
        _fixture = fixture;
        Root = Path.Combine(fixture.WorkspacesDirectory, name + "-" + Guid.NewGuid().ToString("N").Substring(0, 8));
        Directory.CreateDirectory(Root);
        WriteFile("nuget.config", $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="crcbuildtools-e2e" value="{fixture.FeedDirectory}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
              </packageSources>
            </configuration>
            """);
        WriteFile("Directory.Build.props", "<Project />\n");
        WriteFile("Directory.Build.targets", "<Project />\n");
    }

    /// <summary>The workspace folder.</summary>
    public string Root { get; }

    /// <summary>A path inside the workspace.</summary>
    /// <param name="relative">A relative path with <c>/</c> separators.</param>
    /// <returns>The full path.</returns>
    public string PathOf(string relative) => Path.GetFullPath(Path.Combine(Root, relative));

    /// <summary>Writes a text file, creating folders.</summary>
    /// <param name="relative">A relative path with <c>/</c> separators.</param>
    /// <param name="content">The text.</param>
    /// <returns>The full path.</returns>
    public string WriteFile(string relative, string content)
    {
        string path = PathOf(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    /// <summary>
    /// Writes <c>name/name.csproj</c> referencing the packed CrcBuildTools, plus a Program.cs for executables.
    /// </summary>
    /// <param name="name">Project (and assembly) name.</param>
    /// <param name="outputType">Exe or Library.</param>
    /// <param name="targetFrameworks">One or more frameworks, ';'-separated.</param>
    /// <param name="extraProjectXml">More XML inside the Project element (ItemGroups, PropertyGroups).</param>
    /// <returns>The project file path.</returns>
    public string WriteProject(string name, string outputType = "Exe", string targetFrameworks = "net10.0", string extraProjectXml = "")
    {
        string frameworks = targetFrameworks.Contains(';', StringComparison.Ordinal)
            ? $"<TargetFrameworks>{targetFrameworks}</TargetFrameworks>"
            : $"<TargetFramework>{targetFrameworks}</TargetFramework>";
        if (outputType == "Exe")
        {
            WriteFile($"{name}/Program.cs", "System.Console.WriteLine(\"Hello from " + name + "\");\n");
        }
        else
        {
            WriteFile($"{name}/Library.cs", "namespace " + name + " { public static class Library { public static int Answer => 42; } }\n");
        }

        return WriteFile($"{name}/{name}.csproj", $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>{outputType}</OutputType>
                {frameworks}
                <Nullable>enable</Nullable>
                <LangVersion>latest</LangVersion>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="CrcBuildTools" Version="{PackagedFeedFixture.PackageVersion}" />
              </ItemGroup>
            {extraProjectXml}
            </Project>
            """);
    }

    /// <summary>Runs dotnet in the workspace with the isolated package cache; MSBuild commands keep a binlog on failure.</summary>
    /// <param name="arguments">For example <c>build app -c Release</c>.</param>
    /// <returns>The result; call <see cref="DotnetResult.AssertSuccess"/>.</returns>
    public DotnetResult Dotnet(params string[] arguments)
    {
        int number = Interlocked.Increment(ref _invocation);
        string logs = PathOf("logs");
        Directory.CreateDirectory(logs);
        string binlog = Path.Combine(logs, $"{number:D2}-{(arguments.Length > 0 ? arguments[0] : "dotnet")}.binlog");
        return DotnetProcess.Run(Root, arguments, _fixture.Environment, binlog);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (Environment.GetEnvironmentVariable("CRC_E2E_KEEP") == "1")
        {
            return;
        }

        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
