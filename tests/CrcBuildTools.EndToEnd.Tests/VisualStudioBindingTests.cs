using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Reflection;
using CrcBuildTools.EndToEnd.Tests.Binding;
using CrcBuildTools.EndToEnd.Tests.Infrastructure;
using Xunit;

namespace CrcBuildTools.EndToEnd.Tests;

/// <summary>
/// Visual Studio's MSBuild runs on .NET Framework and binds a task's dependencies only through its own binding
/// redirects. This reads every assembly in the PACKED nupkg's tasks/net472/ and checks each reference against the
/// redirects of every supported MSBuild, starting with the oldest (17.8). No Windows needed: it is all metadata.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class VisualStudioBindingTests(PackagedFeedFixture feed)
{
    private static readonly Lazy<IReadOnlyDictionary<string, Version>> Framework = new(() =>
        TaskFolderBinding.ReadFramework(typeof(VisualStudioBindingTests).Assembly
            .GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "NetFramework472ReferenceAssemblies").Value!));

    public static IEnumerable<object[]> Hosts => MSBuildRedirects.Supported.Select(h => new object[] { h.Host });

    [Theory]
    [MemberData(nameof(Hosts))]
    public void EveryAssemblyInTasksNet472BindsInsideVisualStudio(string host)
    {
        IReadOnlyList<AssemblyInfo> folder = PackedTaskFolder();

        IReadOnlyList<string> problems = TaskFolderBinding.Problems(folder, Framework.Value, MSBuildRedirects.Supported.Single(h => h.Host == host));

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void TheTaskFolderHoldsTheTaskAndItsDependenciesAndNoMSBuildAssembly()
    {
        var names = PackedTaskFolder().Select(a => a.FileName).ToList();

        Assert.Contains("CrcBuildTools.Tasks.dll", names);
        Assert.Contains("CrcBuildTools.Hashing.dll", names);
        Assert.Contains("System.Memory.dll", names);
        // MSBuild's own assemblies must come from the host, never from the package.
        Assert.DoesNotContain(names, n => n.StartsWith("Microsoft.Build", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The check itself: the defect this test exists for (System.Memory 4.6.x inside VS 17.8-17.13) is caught.</summary>
    [Fact]
    public void AReferenceAboveTheFloorsRedirectIsReportedWithFileHostAndVersions()
    {
        var folder = new List<AssemblyInfo>
        {
            new("CrcBuildTools.Hashing.dll", "CrcBuildTools.Hashing", new Version(0, 1, 0, 0), new[] { ("netstandard", new Version(2, 0, 0, 0)), ("System.Memory", new Version(4, 0, 2, 0)) }),
            new("System.Memory.dll", "System.Memory", new Version(4, 0, 2, 0), new[] { ("mscorlib", new Version(4, 0, 0, 0)) }),
            new("Odd.dll", "Odd", new Version(1, 0, 0, 0), new[] { ("Missing.Dependency", new Version(1, 0, 0, 0)) }),
        };

        IReadOnlyList<string> problems = TaskFolderBinding.Problems(folder, Framework.Value, MSBuildRedirects.Floor);

        Assert.Equal(3, problems.Count);
        Assert.Contains(problems, p => p.Contains("CrcBuildTools.Hashing.dll references System.Memory 4.0.2.0, above the 4.0.1.2 that MSBuild 17.8", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("System.Memory.dll is System.Memory 4.0.2.0", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("Missing.Dependency 1.0.0.0, which neither", StringComparison.Ordinal));
        Assert.Empty(TaskFolderBinding.Problems(folder.Take(2).ToList(), Framework.Value, MSBuildRedirects.Supported.Single(h => h.Host.StartsWith("MSBuild 17.14 up", StringComparison.Ordinal))));
    }

    private IReadOnlyList<AssemblyInfo> PackedTaskFolder()
    {
        string package = Path.Combine(feed.FeedDirectory, $"CrcBuildTools.{PackagedFeedFixture.PackageVersion}.nupkg");
        using ZipArchive zip = ZipFile.OpenRead(package);
        var folder = new List<AssemblyInfo>();
        foreach (ZipArchiveEntry entry in zip.Entries.Where(e => e.FullName.StartsWith("tasks/net472/", StringComparison.Ordinal) && e.FullName.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)))
        {
            using var bytes = new MemoryStream();
            using (Stream stream = entry.Open())
            {
                stream.CopyTo(bytes);
            }

            folder.Add(AssemblyInfo.TryRead(entry.Name, bytes.ToArray()) ?? throw new InvalidDataException($"{entry.FullName} in {package} is not a managed assembly."));
        }

        Assert.True(folder.Count > 0, $"{package} has no tasks/net472/*.dll.");
        return folder;
    }
}
