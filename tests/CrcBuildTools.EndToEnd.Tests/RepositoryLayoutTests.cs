using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using CrcBuildTools.EndToEnd.Tests.Infrastructure;
using CrcBuildTools.TestSupport;
using Xunit;

namespace CrcBuildTools.EndToEnd.Tests;

/// <summary>
/// The repository's own build, from a checkout whose absolute path contains a folder named src (C:\src\..., ~/src/...):
/// only the projects under the repository's own src/ may get the shipped-code rules (warnings as errors, XML docs).
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class RepositoryLayoutTests
{
    [Fact]
    public void ACopyUnderAFolderNamedSrcTellsSrcProjectsFromTestsAndBuilds()
    {
        using var temp = new TempFolder("under-src");
        string clone = Path.Combine(temp.Path, "src", "CrcBuildTools");
        CopyWorkingTree(RepositoryPaths.Root, clone);
        File.WriteAllText(Path.Combine(clone, "report.targets"), """
            <Project>
              <Target Name="_Crc64ReportIsSrc">
                <Message Importance="high" Text="IsSrcProject $(MSBuildProjectName)=$(IsSrcProject)" />
              </Target>
            </Project>
            """);
        File.WriteAllText(Path.Combine(clone, "report.proj"), """
            <Project>
              <ItemGroup>
                <ProjectToReport Include="src/*/*.csproj;tests/*/*.csproj" />
              </ItemGroup>
              <Target Name="Report">
                <MSBuild Projects="@(ProjectToReport)" Targets="_Crc64ReportIsSrc"
                         Properties="CustomAfterMicrosoftCommonTargets=$(MSBuildThisFileDirectory)report.targets;CustomAfterMicrosoftCommonCrossTargetingTargets=$(MSBuildThisFileDirectory)report.targets" />
              </Target>
            </Project>
            """);

        DotnetResult report = DotnetProcess.Run(clone, new[] { "msbuild", "report.proj", "-t:Report", "-nodeReuse:false", "-tl:off", "-v:m" }).AssertSuccess();

        var reported = report.Output.Split('\n')
            .Select(line => line.Trim())
            .Where(line => line.StartsWith("IsSrcProject ", StringComparison.Ordinal))
            .Select(line => line.Substring("IsSrcProject ".Length).Split('='))
            .ToDictionary(pair => pair[0], pair => pair[1]);
        var projects = Directory.GetDirectories(Path.Combine(clone, "src")).Select(d => (Path.GetFileName(d), "true"))
            .Concat(Directory.GetDirectories(Path.Combine(clone, "tests")).Where(d => Directory.GetFiles(d, "*.csproj").Length > 0).Select(d => (Path.GetFileName(d), "")))
            .ToList();
        Assert.True(projects.Count > 10, "The copy holds too few projects to say anything.");
        foreach ((string project, string expected) in projects)
        {
            Assert.True(reported.TryGetValue(project, out string? actual), $"{project} reported nothing:\n{report.Output}");
            Assert.True(expected == actual, $"{project} under {clone}: IsSrcProject is '{actual}', expected '{expected}'.");
        }

        // A test project with undocumented public types: it fails under the src rules, and must build here.
        DotnetProcess.Run(clone, new[] { "build", "tests/CrcBuildTools.TestSupport/CrcBuildTools.TestSupport.csproj", "-c", "Release", "-nodeReuse:false", "-tl:off" }).AssertSuccess();
    }

    /// <summary>What a fresh clone would hold (tracked files, plus new ones git does not ignore), so uncommitted work is tested too.</summary>
    private static void CopyWorkingTree(string repository, string destination)
    {
        var git = new ProcessStartInfo("git") { WorkingDirectory = repository, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (string argument in new[] { "ls-files", "-z", "--cached", "--others", "--exclude-standard" })
        {
            git.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(git) ?? throw new InvalidOperationException("Cannot run git.");
        string listing = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, "git ls-files failed in " + repository);
        foreach (string relative in listing.Split('\0', StringSplitOptions.RemoveEmptyEntries))
        {
            string source = Path.Combine(repository, relative);
            if (!File.Exists(source))
            {
                continue; // deleted in the working tree but not yet committed
            }

            string target = Path.Combine(destination, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(source, target);
        }
    }
}
