using System;
#if NETSTANDARD2_0
using System.Net;
#endif

namespace CrcBuildTools.ObjectStorage.Http;

/// <summary>
/// Makes HttpClient on .NET Framework (Visual Studio's MSBuild runs the netstandard2.0 build there) behave like on
/// .NET. There it goes through <c>ServicePointManager</c>: 2 connections per host, so parallelism 4 silently became
/// 2, and <c>Expect: 100-continue</c> on every PUT, an extra round trip per part. Only the ServicePoint of the
/// storage endpoint is changed, never the process-wide defaults, so other code in the same MSBuild sees no
/// difference. On .NET the ServicePoint does not govern HttpClient; there is nothing to do, and the build for .NET
/// compiles none of this.
/// </summary>
internal static class FrameworkConnectionSettings
{
    /// <summary>Applies the settings; returns the ServicePoint (kept alive by the transport), or null on .NET.</summary>
    public static object? ApplyTo(Uri endpoint, int connections)
    {
#if NETSTANDARD2_0
        ServicePoint point = ServicePointManager.FindServicePoint(endpoint);
        if (point.ConnectionLimit < connections)
        {
            point.ConnectionLimit = connections;
        }

        point.Expect100Continue = false;
        return point;
#else
        _ = endpoint;
        _ = connections;
        return null;
#endif
    }
}
