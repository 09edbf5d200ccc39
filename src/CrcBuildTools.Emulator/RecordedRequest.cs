using System.Collections.Generic;

namespace CrcBuildTools.Emulator;

/// <summary>One request as the emulator saw it, for assertions (which stage, which headers, what answer).</summary>
/// <param name="Method">The HTTP method, upper case.</param>
/// <param name="Key">The decoded object key; empty for a bucket-level request.</param>
/// <param name="RawTarget">The request target exactly as received (path and query, still encoded).</param>
/// <param name="Stage">The fault stage it belongs to; null for a request no fault can target.</param>
/// <param name="PartNumber">The part number of an Upload Part, else null.</param>
/// <param name="Status">The status answered (0 when the connection was reset, 499 when the client went away).</param>
/// <param name="ErrorCode">The service error code answered, else null.</param>
/// <param name="Fault">The fault injected into it, else null.</param>
/// <param name="Headers">The request headers, names in lower case.</param>
public sealed record RecordedRequest(
    string Method, string Key, string RawTarget, FaultStage? Stage, int? PartNumber, int Status, string? ErrorCode,
    FaultKind? Fault, IReadOnlyDictionary<string, string> Headers);
