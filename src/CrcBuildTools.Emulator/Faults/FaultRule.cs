namespace CrcBuildTools.Emulator;

/// <summary>
/// Inject <see cref="Kind"/> into the next <see cref="Count"/> requests of <see cref="Stage"/> (optionally only for
/// one part number and/or one object key). JSON-serializable for the HTTP control API.
/// </summary>
public sealed record FaultRule(FaultKind Kind, FaultStage Stage, int Count = 1, int? PartNumber = null, string? Key = null);
