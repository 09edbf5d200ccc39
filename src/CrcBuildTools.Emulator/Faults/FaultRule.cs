namespace CrcBuildTools.Emulator;

/// <summary>
/// Inject <see cref="Kind"/> into the next <see cref="Count"/> requests of <see cref="Stage"/> (optionally only for
/// one part number and/or one object key). JSON-serializable for the HTTP control API.
/// </summary>
/// <param name="Kind">What goes wrong.</param>
/// <param name="Stage">Which kind of request it hits.</param>
/// <param name="Count">How many matching requests it hits before it is used up.</param>
/// <param name="PartNumber">Only this part number (Upload Part); null for any.</param>
/// <param name="Key">Only this object key; null for any.</param>
public sealed record FaultRule(FaultKind Kind, FaultStage Stage, int Count = 1, int? PartNumber = null, string? Key = null);
