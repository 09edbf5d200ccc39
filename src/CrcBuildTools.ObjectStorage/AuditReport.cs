using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace CrcBuildTools.ObjectStorage;

/// <summary>What HEAD said about one object, against the manifest. Each problem is its own state.</summary>
public enum AuditState
{
    /// <summary>Length and CRC-64 header equal the manifest's.</summary>
    Verified,

    /// <summary>The object is not in the bucket (CRC4020).</summary>
    Missing,

    /// <summary>The object's length differs from the manifest's (CRC4021).</summary>
    LengthDiffers,

    /// <summary>The object's CRC-64 header differs from the manifest's (CRC4022).</summary>
    CrcDiffers,

    /// <summary>The object has no CRC-64 header, so HEAD cannot vouch for it (CRC4023); never counted as equal.</summary>
    NoCrcHeader,

    /// <summary>An object under the release's prefix that the manifest does not name (CRC4026).</summary>
    Extra,
}

/// <summary>One object's result.</summary>
/// <param name="Path">The manifest path (for an extra object: its key relative to the prefix).</param>
/// <param name="ObjectKey">The full key.</param>
/// <param name="State">What was found.</param>
/// <param name="ExpectedLength">The manifest's length (null for an extra object).</param>
/// <param name="ActualLength">The object's length (null when missing).</param>
/// <param name="ExpectedCrc64">The manifest's CRC-64 (null for an extra object).</param>
/// <param name="ActualCrc64">The CRC-64 header (null when absent or missing).</param>
/// <param name="RequestId">The HEAD's request id.</param>
public sealed record AuditFinding(
    string Path, string ObjectKey, AuditState State, long? ExpectedLength, long? ActualLength, ulong? ExpectedCrc64, ulong? ActualCrc64, string? RequestId)
{
    /// <summary>The CRC4xxx code of a problem; null for a verified object.</summary>
    public string? Code => State switch
    {
        AuditState.Missing => DownloadErrorCodes.ObjectMissing,
        AuditState.LengthDiffers => DownloadErrorCodes.LengthDiffers,
        AuditState.CrcDiffers => DownloadErrorCodes.CrcHeaderDiffers,
        AuditState.NoCrcHeader => DownloadErrorCodes.NoCrcHeader,
        AuditState.Extra => DownloadErrorCodes.ExtraObject,
        _ => null,
    };

    /// <summary>One line for people: the code, the object, and what differs.</summary>
    /// <returns>The line.</returns>
    public override string ToString() => State switch
    {
        AuditState.Verified => $"OK {ObjectKey}",
        AuditState.Missing => $"{Code}: '{ObjectKey}' is listed in the manifest but is not in the bucket",
        AuditState.LengthDiffers => $"{Code}: '{ObjectKey}' is {ActualLength} bytes, the manifest says {ExpectedLength}",
        AuditState.CrcDiffers => string.Format(CultureInfo.InvariantCulture, "{0}: '{1}' has CRC-64 {2}, the manifest says {3}: the bucket holds another object than the release recorded",
            Code, ObjectKey, ActualCrc64, ExpectedCrc64),
        AuditState.NoCrcHeader => $"{Code}: '{ObjectKey}' has no CRC-64 header, so HEAD cannot vouch for it (download it to verify by hashing)",
        _ => $"{Code}: '{ObjectKey}' is under the release's prefix but the manifest does not name it",
    };
}

/// <summary>The result of an audit.</summary>
/// <param name="Source">The manifest's address.</param>
/// <param name="Version">The release version, when a channel pointer named it.</param>
/// <param name="Findings">One per manifest entry (and the manifest object itself when checked against a local file), then extra objects.</param>
/// <param name="AllowMissingCrcHeader">Whether objects without a header count as clean.</param>
/// <param name="Elapsed">Wall time.</param>
public sealed record AuditReport(string Source, string? Version, IReadOnlyList<AuditFinding> Findings, bool AllowMissingCrcHeader, TimeSpan Elapsed)
{
    /// <summary>How many objects are in each state.</summary>
    /// <param name="state">The state.</param>
    /// <returns>The count.</returns>
    public int Count(AuditState state) => Findings.Count(f => f.State == state);

    /// <summary>True when every object verified (and, if allowed, the rest only lacked a header).</summary>
    public bool IsClean => Findings.All(f => f.State == AuditState.Verified || (AllowMissingCrcHeader && f.State == AuditState.NoCrcHeader));

    /// <summary>One line with the count of each state.</summary>
    /// <returns>The summary line.</returns>
    public override string ToString() => string.Format(CultureInfo.InvariantCulture,
        "{0}: {1} object(s) checked in {2:0.0} s: {3} verified, {4} missing, {5} with another length, {6} with another CRC-64, {7} without a CRC-64 header, {8} extra.",
        IsClean ? "CLEAN" : "PROBLEMS", Findings.Count(f => f.State != AuditState.Extra), Elapsed.TotalSeconds, Count(AuditState.Verified),
        Count(AuditState.Missing), Count(AuditState.LengthDiffers), Count(AuditState.CrcDiffers), Count(AuditState.NoCrcHeader), Count(AuditState.Extra));
}
