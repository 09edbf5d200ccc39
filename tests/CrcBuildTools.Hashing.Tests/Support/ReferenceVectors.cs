using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace CrcBuildTools.Hashing.Tests.Support;

/// <summary>The vectors of /work/shared/reference/crc64-xz.md, as published (decimal and hex both kept, and checked to agree).</summary>
internal static class ReferenceVectors
{
    private const string Emergency = "This is a test of the emergency broadcast system.";

    public static readonly IReadOnlyList<ReferenceVector> All = new[]
    {
        new ReferenceVector("empty", new byte[0], 0UL, 0x0000000000000000),
        new ReferenceVector("a", Encoding.ASCII.GetBytes("a"), 3675645893302102789UL, 0x330284772E652B05),
        new ReferenceVector("123456789", Encoding.ASCII.GetBytes("123456789"), 11051210869376104954UL, 0x995DC9BBDF1939FA),
        new ReferenceVector("emergency-49", Encoding.ASCII.GetBytes(Emergency), 2871916124362751090UL, 0x27DB187FC15BBC72),
        new ReferenceVector("emergency-98", Encoding.ASCII.GetBytes(Emergency + Emergency), 14839212970923619333UL, 0xCDEF799356457405),
        new ReferenceVector("pattern-1000003", Pattern(1_000_003), 16098753979918446933UL, 0xDF6A43732B71F155),
    };

    public static IEnumerable<object[]> Names => All.Select(v => new object[] { v.Name });

    public static ReferenceVector Get(string name) => All.Single(v => v.Name == name);

    /// <summary>Byte i = (i*31+7) mod 256, as the reference file defines the long vector.</summary>
    private static byte[] Pattern(int length)
    {
        var bytes = new byte[length];
        for (int i = 0; i < length; i++)
        {
            bytes[i] = (byte)(((long)i * 31) + 7);
        }

        return bytes;
    }
}

internal sealed record ReferenceVector(string Name, byte[] Data, ulong Decimal, ulong Hex)
{
    public override string ToString() => Name;
}
