namespace CrcBuildTools.ObjectStorage;

/// <summary>How <see cref="ReleaseAuditor"/> checks a release in place.</summary>
public sealed class AuditOptions
{
    /// <summary>HEAD requests in flight at once, 1 to 64.</summary>
    public int Parallelism { get; init; } = 16;

    /// <summary>Also list the release's prefix and report objects the manifest does not name (signed sources only).</summary>
    public bool ListExtraObjects { get; init; }

    /// <summary>
    /// Audit against this local manifest instead of the one in the bucket ("is what I built what is in the bucket?").
    /// SOURCE then names the manifest object (which is checked against this file too) or the release's prefix (ending in <c>/</c>).
    /// </summary>
    public string? LocalManifestPath { get; init; }

    /// <summary>Count objects without a CRC-64 header as clean (they are still reported, as CRC4023).</summary>
    public bool AllowMissingCrcHeader { get; init; }
}
