using System.Collections.Generic;

namespace CrcBuildTools.Emulator;

/// <summary>One request as the emulator saw it, for assertions (which stage, which headers, what answer).</summary>
public sealed record RecordedRequest(
    string Method, string Key, string RawTarget, FaultStage? Stage, int? PartNumber, int Status, string? ErrorCode,
    FaultKind? Fault, IReadOnlyDictionary<string, string> Headers);
