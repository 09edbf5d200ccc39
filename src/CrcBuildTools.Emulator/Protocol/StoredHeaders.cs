using System;
using System.Collections.Generic;
using System.Linq;

namespace CrcBuildTools.Emulator;

/// <summary>Which request headers a PUT or an Initiate leaves on the object, as the services keep them.</summary>
internal static class StoredHeaders
{
    public static readonly IReadOnlyDictionary<string, string> None = new Dictionary<string, string>(StringComparer.Ordinal);

    private static readonly string[] Standard =
    {
        "content-type", "cache-control", "content-disposition", "content-encoding", "content-language", "expires",
    };

    /// <summary>The standard content headers and the user metadata (<c>x-cos-meta-*</c> / <c>x-oss-meta-*</c>).</summary>
    public static IReadOnlyDictionary<string, string> From(IReadOnlyDictionary<string, string> requestHeaders, string prefix)
    {
        string meta = prefix + "meta-";
        return requestHeaders
            .Where(h => Standard.Contains(h.Key) || h.Key.StartsWith(meta, StringComparison.Ordinal))
            .ToDictionary(h => h.Key, h => h.Value, StringComparer.Ordinal);
    }
}
