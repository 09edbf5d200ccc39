using System;
using System.Linq;
using CrcBuildTools.Hashing.Tests.Support;
using Xunit;

namespace CrcBuildTools.Hashing.Tests;

/// <summary>How the process-wide path is chosen, and how the forced-path hook refuses paths the machine lacks.</summary>
public sealed class ImplementationSelectionTests
{
    [Fact]
    public void ScalarIsAlwaysSupportedAndListedLast()
    {
        Assert.True(Crc64Xz.IsSupported(Crc64XzImplementation.Scalar));
        Assert.Equal(Crc64XzImplementation.Scalar, Crc64XzKernel.Supported().Last());
    }

    [Fact]
    public void WithoutOverrideTheWidestSupportedPathIsChosen()
    {
        string first = ChildProcess.Run(null)[0];
        Assert.Equal($"implementation {Crc64XzKernel.Supported()[0]}", first);
    }

    [Fact]
    public void OverrideIsCaseInsensitiveAndTrimmed()
    {
        Assert.Equal("implementation Scalar", ChildProcess.Run("  scalar ")[0]);
    }

    [Theory]
    [InlineData("NoSuchPath")]
    [InlineData("")]
    public void UnknownOverrideFallsBackToTheWidestSupportedPath(string requested)
    {
        Assert.Equal($"implementation {Crc64XzKernel.Supported()[0]}", ChildProcess.Run(requested)[0]);
    }

    [Fact]
    public void ForcingAnUnsupportedPathThrowsAndNamesTheAvailableOnes()
    {
        var unsupported = Enum.GetValues<Crc64XzImplementation>().Where(i => !Crc64XzKernel.IsSupported(i)).ToList();
        Assert.NotEmpty(unsupported); // No single CPU has both the x86 and the ARM paths.
        foreach (Crc64XzImplementation implementation in unsupported)
        {
            var error = Assert.Throws<PlatformNotSupportedException>(() => Crc64XzKernel.Update(implementation, 0, new byte[300]));
            Assert.Contains(implementation.ToString(), error.Message);
            Assert.Contains("Scalar", error.Message);
            Assert.False(Crc64Xz.IsSupported(implementation));
        }
    }
}
