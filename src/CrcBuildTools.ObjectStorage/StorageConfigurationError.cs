namespace CrcBuildTools.ObjectStorage;

/// <summary>One problem found in the upload configuration.</summary>
/// <param name="Code">The CRC3xxx code.</param>
/// <param name="Message">What is wrong and what to set instead; never contains a secret.</param>
public sealed record StorageConfigurationError(string Code, string Message)
{
    /// <inheritdoc />
    public override string ToString() => Code + ": " + Message;
}
