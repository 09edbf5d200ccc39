using System;
using System.Globalization;

namespace CrcBuildTools.Runtime;

/// <summary>
/// What the build recorded about one resource embedded in an assembly: its exact manifest resource name, its length
/// and its CRC-64/XZ. Generated <c>EmbeddedIntegrity</c> classes hold one of these per resource.
/// </summary>
public sealed class EmbeddedResourceChecksum
{
    /// <summary>Records the expected state of one embedded resource.</summary>
    /// <param name="name">The exact manifest resource name (matched ordinally, never by suffix).</param>
    /// <param name="length">The resource length in bytes recorded at build time.</param>
    /// <param name="crc64">The CRC-64/XZ of the resource bytes recorded at build time.</param>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="length"/> is negative.</exception>
    public EmbeddedResourceChecksum(string name, long length, ulong crc64)
    {
        if (length < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(length), length, "A resource length cannot be negative.");
        }

        Name = name ?? throw new ArgumentNullException(nameof(name));
        Length = length;
        Crc64 = crc64;
    }

    /// <summary>The exact manifest resource name, as <c>Assembly.GetManifestResourceNames()</c> reports it.</summary>
    public string Name { get; }

    /// <summary>The length in bytes recorded at build time.</summary>
    public long Length { get; }

    /// <summary>The CRC-64/XZ recorded at build time.</summary>
    public ulong Crc64 { get; }

    /// <summary>The CRC as an unsigned decimal string, the way Tencent COS and Alibaba OSS print it.</summary>
    public string Crc64Text => Crc64.ToString(CultureInfo.InvariantCulture);

    /// <inheritdoc />
    public override string ToString() =>
        string.Format(CultureInfo.InvariantCulture, "{0} ({1} bytes, CRC-64/XZ {2})", Name, Length, Crc64Text);
}
