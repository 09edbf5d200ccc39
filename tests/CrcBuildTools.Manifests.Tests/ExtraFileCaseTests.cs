using System.Collections.Generic;
using System.Linq;
using System.Threading;
using CrcBuildTools.TestSupport;
using Xunit;

namespace CrcBuildTools.Manifests.Tests;

/// <summary>
/// The extra-file walk compares names the way the file system finds files: a listed <c>app.dll</c> that is found as
/// <c>App.DLL</c> on a case-insensitive file system (Windows, macOS) is the listed file, not also an extra one. Both
/// comparisons are exercised here on any platform; which one a real run uses is ManifestPath.FileSystemComparison.
/// </summary>
public sealed class ExtraFileCaseTests
{
    private static List<Crc64VerificationProblem> Walk(TempFolder folder, System.StringComparison comparison, params string[] listed)
    {
        var manifest = new Crc64Manifest(listed.Select(p => new Crc64ManifestEntry(p, 1, 1)));
        var problems = new List<Crc64VerificationProblem>();
        ExtraFileWalk.Run(manifest, folder.Path, new[] { "App.crc64.json" }, problems, comparison, CancellationToken.None);
        return problems;
    }

    [Fact]
    public void A_case_difference_is_no_extra_file_where_the_file_system_ignores_case()
    {
        using var folder = new TempFolder("case");
        folder.Write("App.DLL", "x");
        folder.Write("Runtimes/Linux/native.so", "x");
        folder.Write("app.crc64.json", "{}");

        Assert.Empty(Walk(folder, System.StringComparison.OrdinalIgnoreCase, "app.dll", "runtimes/linux/native.so"));
    }

    [Fact]
    public void A_file_the_manifest_does_not_list_is_extra_under_either_comparison()
    {
        using var folder = new TempFolder("case");
        folder.Write("app.dll", "x");
        folder.Write("stray.txt", "x");

        foreach (var comparison in new[] { System.StringComparison.Ordinal, System.StringComparison.OrdinalIgnoreCase })
        {
            Crc64VerificationProblem extra = Assert.Single(Walk(folder, comparison, "app.dll"));
            Assert.Equal(Crc64ErrorCodes.VerifyExtraFile, extra.Code);
            Assert.Equal("stray.txt", extra.Path);
        }
    }

    [Fact]
    public void Where_the_file_system_is_case_sensitive_a_case_difference_is_another_file()
    {
        using var folder = new TempFolder("case");
        folder.Write("App.DLL", "x");

        Crc64VerificationProblem extra = Assert.Single(Walk(folder, System.StringComparison.Ordinal, "app.dll"));
        Assert.Equal("App.DLL", extra.Path);
    }
}
