using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using CrcBuildTools.Hashing;
using CrcBuildTools.Runtime;
using Microsoft.CodeAnalysis;

namespace CrcBuildTools.Generator.Tests.Support;

/// <summary>Metadata references for compiling generated code: the running framework plus our runtime library.</summary>
internal static class References
{
    public static readonly IReadOnlyList<MetadataReference> All = Load();

    private static List<MetadataReference> Load()
    {
        var paths = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) is "mscorlib.dll" or "netstandard.dll")
            .ToList();
        paths.Add(typeof(EmbeddedResourceSet).Assembly.Location);
        paths.Add(typeof(Crc64Xz).Assembly.Location);
        return paths.Distinct().Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToList();
    }
}
