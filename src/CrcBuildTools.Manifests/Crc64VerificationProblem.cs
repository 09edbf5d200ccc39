namespace CrcBuildTools.Manifests;

/// <summary>One difference between a folder and its manifest, with a ready-to-print coded message.</summary>
/// <remarks>
/// The message is composed when first asked for, from the facts below: verifying a manifest of millions of files
/// against an empty folder keeps millions of problems, and each costs a few fields rather than a paragraph of text.
/// Names in the message are shown through <see cref="DisplayText"/>, so a file name cannot forge message lines.
/// </remarks>
public sealed class Crc64VerificationProblem
{
    private readonly string _root;
    private readonly string? _detail;
    private string? _fullPath;
    private string? _message;

    internal Crc64VerificationProblem(
        Crc64VerificationProblemKind kind,
        string code,
        string path,
        string? fullPath,
        string root,
        Crc64ManifestEntry? expected = null,
        long? actualLength = null,
        ulong? actualCrc64 = null,
        string? detail = null)
    {
        Kind = kind;
        Code = code;
        Path = path;
        _fullPath = fullPath;
        _root = root;
        ExpectedLength = expected?.Length;
        ExpectedCrc64 = expected?.Crc64;
        ActualLength = actualLength;
        ActualCrc64 = actualCrc64;
        _detail = detail;
    }

    /// <summary>What kind of difference.</summary>
    public Crc64VerificationProblemKind Kind { get; }

    /// <summary>The manifest path (relative, <c>/</c>).</summary>
    public string Path { get; }

    /// <summary>The file on disk (composed when first asked for, like the message).</summary>
    public string FullPath => _fullPath ??= ManifestPath.ToFileSystem(_root, Path);

    /// <summary>The CRC1xxx code.</summary>
    public string Code { get; }

    /// <summary>The length the manifest records, for listed files.</summary>
    public long? ExpectedLength { get; }

    /// <summary>The CRC-64 the manifest records, for listed files.</summary>
    public ulong? ExpectedCrc64 { get; }

    /// <summary>The length found, when the file was read.</summary>
    public long? ActualLength { get; }

    /// <summary>The CRC-64 found, when the file was read.</summary>
    public ulong? ActualCrc64 { get; }

    /// <summary>The message, without the code (that is <see cref="Code"/>), saying what differs and what to do.</summary>
    public string Message => _message ??= Compose();

    private string Compose()
    {
        string path = "'" + DisplayText.Of(Path) + "'";
        string root = "'" + DisplayText.Of(_root) + "'";
        string expected = $"{ExpectedLength} bytes, CRC-64 {ExpectedCrc64}";
        string text = Code switch
        {
            Crc64ErrorCodes.VerifyFileMissing => _detail is null
                ? $"{path} is listed in the manifest but missing from {root} (expected {expected}). Copy the complete output again."
                : $"{path} is listed in the manifest but missing from {root} (expected {expected}): {_detail}. Copy the complete output again.",
            Crc64ErrorCodes.VerifyFileChanged =>
                $"{path} differs from the manifest: expected {expected}; found {ActualLength} bytes, CRC-64 {ActualCrc64}. The file was damaged or replaced in transit; copy it again from the build output.",
            Crc64ErrorCodes.VerifyExtraFile =>
                $"{path} is in {root} but not in the manifest{(_detail is null ? string.Empty : " (" + _detail + ")")}. Remove it, or deploy into an empty folder; allow extra files only if something else legitimately writes there.",
            Crc64ErrorCodes.LinkLeavesFolder =>
                $"{path} is a symbolic link (or lies under one) that leads out of {root}{(_detail is null ? string.Empty : ", to '" + DisplayText.Of(_detail) + "'")}. Nothing was read from it: a folder verifies only the bytes inside it. Replace the link by the file itself (expected {expected}).",
            Crc64ErrorCodes.NotARegularFile =>
                $"{path} is {_detail}, not a regular file, where the manifest lists a file of {ExpectedLength} bytes. Nothing was read from it. Replace it by the file itself.",
            Crc64ErrorCodes.FileChangedWhileHashed =>
                $"{path} was written to while it was being verified, twice in a row, so it cannot be checked. Stop the process that writes it and verify again.",
            Crc64ErrorCodes.FolderUnlistable =>
                $"the folder {path} in {root} cannot be listed ({_detail}), so files in it cannot be checked for being extra. Fix its permissions and verify again.",
            _ => $"cannot read {path}: {_detail} Close the program that holds it or fix its permissions, then verify again.",
        };
        return text;
    }
}
