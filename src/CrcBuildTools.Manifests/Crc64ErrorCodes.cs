namespace CrcBuildTools.Manifests;

/// <summary>
/// The CRC1xxx codes of manifests and hashing, and only those (CRC3xxx are <c>StorageErrorCodes</c>, CRC4xxx
/// <c>DownloadErrorCodes</c>, CRC2xxx the generator's and the resource task's; every code with its doc page and
/// severity is in the internal <c>ErrorCodeRegistry</c>). They are part of the user contract: scripts and docs
/// (docs/manifest.md) refer to them, so a code never changes meaning. The type keeps its first name because it is
/// public API of the CrcBuildTools.Manifests package.
/// </summary>
public static class Crc64ErrorCodes
{
    /// <summary>A file that should be hashed does not exist (it vanished between listing and hashing).</summary>
    public const string FileMissing = "CRC1001";

    /// <summary>A file that should be hashed cannot be read: locked, access denied, or an I/O error.</summary>
    public const string FileUnreadable = "CRC1002";

    /// <summary>The manifest (or its temporary file) cannot be written.</summary>
    public const string ManifestNotWritable = "CRC1003";

    /// <summary>A manifest given to verify is malformed or was edited by hand into an invalid state.</summary>
    public const string ManifestMalformed = "CRC1004";

    /// <summary>Verify: a file listed in the manifest is absent from the folder.</summary>
    public const string VerifyFileMissing = "CRC1005";

    /// <summary>Verify: a file's length or CRC-64 differs from the manifest.</summary>
    public const string VerifyFileChanged = "CRC1006";

    /// <summary>Verify: the folder holds a file the manifest does not list.</summary>
    public const string VerifyExtraFile = "CRC1007";

    /// <summary>A property or argument is missing or invalid (for example the folder to verify does not exist).</summary>
    public const string BadConfiguration = "CRC1008";

    /// <summary>The manifest given to verify does not exist or cannot be read.</summary>
    public const string ManifestUnreadable = "CRC1009";

    /// <summary>Two different files would be listed under the same manifest path.</summary>
    public const string DuplicatePath = "CRC1010";

    /// <summary>
    /// <c>Crc64ManifestFileName</c> is not a plain file name: empty, a folder, a path with separators or <c>..</c>,
    /// absolute, or a name Windows reserves. Refused before anything is written.
    /// </summary>
    public const string ManifestNameInvalid = "CRC1011";

    /// <summary>The manifest file name names a file the build or publish itself produced, which writing would replace.</summary>
    public const string ManifestNameTaken = "CRC1012";

    /// <summary>A file is a symbolic link (or lies under one) that leads out of the folder the manifest describes.</summary>
    public const string LinkLeavesFolder = "CRC1013";

    /// <summary>A file is a pipe, device, socket or directory, not a regular file whose length can be known.</summary>
    public const string NotARegularFile = "CRC1014";

    /// <summary>A file was written to while it was hashed, twice in a row: no length and CRC of it can be trusted.</summary>
    public const string FileChangedWhileHashed = "CRC1015";

    /// <summary>Verify: a folder inside the verified folder cannot be listed, so extra files in it cannot be ruled out.</summary>
    public const string FolderUnlistable = "CRC1016";

    /// <summary>crc64xz hit a failure it has no code for: a bug, reported without a stack trace. Please report it.</summary>
    public const string InternalError = "CRC1039";

    /// <summary>Where every code is explained, with what to do about it.</summary>
    public const string HelpLink = "https://github.com/crcbuildtools/crcbuildtools/blob/main/docs/manifest.md#error-codes";
}
