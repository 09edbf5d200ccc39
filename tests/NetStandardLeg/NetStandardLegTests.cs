using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Versioning;
using Xunit;

namespace CrcBuildTools.NetStandardLeg;

/// <summary>
/// Compiled into every *.Tests.NetStandard project: proves that the shipped assemblies this leg loads are their
/// netstandard2.0 builds, so the leg can never quietly fall back to testing the net10.0 ones.
/// </summary>
public sealed class NetStandardLegTests
{
    private static readonly string[] MultiTargeted = { "CrcBuildTools.Hashing", "CrcBuildTools.Manifests", "CrcBuildTools.ObjectStorage" };

    [Fact]
    public void EveryShippedAssemblyBesideTheTestsIsTheNetStandard20Build()
    {
        var present = MultiTargeted.Where(name => File.Exists(Path.Combine(System.AppContext.BaseDirectory, name + ".dll"))).ToList();

        Assert.Contains("CrcBuildTools.Hashing", present);
        foreach (string name in present)
        {
            Assembly assembly = Assembly.Load(name);
            Assert.True(
                assembly.GetCustomAttribute<TargetFrameworkAttribute>()?.FrameworkName == ".NETStandard,Version=v2.0",
                $"{name} in this leg is built for {assembly.GetCustomAttribute<TargetFrameworkAttribute>()?.FrameworkName}.");
        }
    }
}
