using System;
using System.Globalization;

namespace CrcBuildTools.Emulator;

/// <summary>Times as the services keep and print them: whole seconds, UTC.</summary>
internal static class ServiceTime
{
    public static DateTimeOffset Now() => Truncate(DateTimeOffset.UtcNow);

    public static DateTimeOffset Truncate(DateTimeOffset time) =>
        new(time.UtcTicks - time.UtcTicks % TimeSpan.TicksPerSecond, TimeSpan.Zero);

    /// <summary>The HTTP date of Last-Modified: <c>Tue, 17 Nov 2015 17:27:45 GMT</c>.</summary>
    public static string Http(DateTimeOffset time) => time.ToUniversalTime().ToString("r", CultureInfo.InvariantCulture);

    /// <summary>The ISO 8601 form of the XML listings: <c>2015-11-17T17:27:45.000Z</c>.</summary>
    public static string Xml(DateTimeOffset time) => time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
