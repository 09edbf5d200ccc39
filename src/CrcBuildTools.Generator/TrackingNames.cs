namespace CrcBuildTools.Generator;

/// <summary>Names of the pipeline steps, so tests can check what was cached after an edit.</summary>
internal static class TrackingNames
{
    public const string Settings = nameof(Settings);
    public const string ChecksumFiles = nameof(ChecksumFiles);
    public const string ParsedChecksumFiles = nameof(ParsedChecksumFiles);
    public const string Model = nameof(Model);
}
