using System.Globalization;

namespace CrcBuildTools.Runtime;

/// <summary>
/// One embedded resource that does not match what the build recorded: either it is missing from the assembly, or
/// its length or CRC-64/XZ differs.
/// </summary>
public sealed class EmbeddedResourceFailure
{
    internal EmbeddedResourceFailure(EmbeddedResourceChecksum expected, long? actualLength, ulong? actualCrc64)
    {
        Expected = expected;
        ActualLength = actualLength;
        ActualCrc64 = actualCrc64;
    }

    /// <summary>What the build recorded for this resource.</summary>
    public EmbeddedResourceChecksum Expected { get; }

    /// <summary>The exact manifest resource name.</summary>
    public string Name => Expected.Name;

    /// <summary>The length recorded at build time.</summary>
    public long ExpectedLength => Expected.Length;

    /// <summary>The CRC-64/XZ recorded at build time.</summary>
    public ulong ExpectedCrc64 => Expected.Crc64;

    /// <summary>The length found in the assembly now; <see langword="null"/> when the resource is missing.</summary>
    public long? ActualLength { get; }

    /// <summary>The CRC-64/XZ found in the assembly now; <see langword="null"/> when the resource is missing.</summary>
    public ulong? ActualCrc64 { get; }

    /// <summary><see langword="true"/> when the assembly no longer contains a resource with this exact name.</summary>
    public bool IsMissing => ActualLength is null;

    /// <summary>One line naming the resource and both the expected and the actual length and CRC.</summary>
    /// <returns>A description such as <c>'App.logo.png': expected 10 bytes, CRC-64/XZ 1; actual 10 bytes, CRC-64/XZ 2</c>.</returns>
    public override string ToString()
    {
        if (IsMissing)
        {
            return string.Format(
                CultureInfo.InvariantCulture,
                "'{0}': missing from the assembly (expected {1} bytes, CRC-64/XZ {2})",
                Name,
                ExpectedLength,
                Expected.Crc64Text);
        }

        return string.Format(
            CultureInfo.InvariantCulture,
            "'{0}': expected {1} bytes, CRC-64/XZ {2}; actual {3} bytes, CRC-64/XZ {4}",
            Name,
            ExpectedLength,
            Expected.Crc64Text,
            ActualLength!.Value,
            ActualCrc64!.Value.ToString(CultureInfo.InvariantCulture));
    }
}
