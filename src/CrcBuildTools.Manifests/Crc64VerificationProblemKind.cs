namespace CrcBuildTools.Manifests;

/// <summary>How a folder differs from its manifest.</summary>
public enum Crc64VerificationProblemKind
{
    /// <summary>Listed in the manifest, absent from the folder (<see cref="Crc64ErrorCodes.VerifyFileMissing"/>).</summary>
    Missing,

    /// <summary>Present, but its length or CRC-64 differs (<see cref="Crc64ErrorCodes.VerifyFileChanged"/>).</summary>
    Changed,

    /// <summary>In the folder, not in the manifest (<see cref="Crc64ErrorCodes.VerifyExtraFile"/>).</summary>
    Extra,

    /// <summary>Present, but it could not be read (<see cref="Crc64ErrorCodes.FileUnreadable"/>).</summary>
    Unreadable,
}
