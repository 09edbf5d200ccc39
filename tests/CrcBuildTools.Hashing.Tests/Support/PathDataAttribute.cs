using System.Collections.Generic;
using System.Reflection;
using Xunit.Sdk;

namespace CrcBuildTools.Hashing.Tests.Support;

/// <summary>
/// Supplies one <see cref="Crc64XzImplementation"/> to a theory, and marks the row as skipped (with the reason) when
/// this CPU or runtime cannot run that path. Stack one attribute per path: a path that cannot run must show up as
/// "skipped" in the results, never as a silent pass.
/// </summary>
[System.AttributeUsage(System.AttributeTargets.Method, AllowMultiple = true)]
public sealed class PathDataAttribute : DataAttribute
{
    private readonly Crc64XzImplementation _implementation;

    public PathDataAttribute(Crc64XzImplementation implementation)
    {
        _implementation = implementation;
        Skip = Crc64XzKernel.IsSupported(implementation)
            ? null!
            : $"{implementation} is not supported on this CPU/runtime (supported here: {string.Join(", ", Crc64XzKernel.Supported())}).";
    }

    public override IEnumerable<object[]> GetData(MethodInfo testMethod)
    {
        yield return new object[] { _implementation };
    }
}
