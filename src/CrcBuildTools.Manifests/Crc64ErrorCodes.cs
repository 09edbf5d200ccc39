namespace CrcBuildTools.Manifests;

/// <summary>
/// The CRC1xxx codes of manifests and hashing. They are part of the user contract: scripts and docs
/// (docs/manifest.md) refer to them, so a code never changes meaning.
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

    /// <summary>Where every code is explained, with what to do about it.</summary>
    public const string HelpLink = "https://github.com/crcbuildtools/crcbuildtools/blob/main/docs/manifest.md#error-codes";
}
