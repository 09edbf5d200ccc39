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

    /// <summary>
    /// Present, but it could not be read (<see cref="Crc64ErrorCodes.FileUnreadable"/>), changed while it was read
    /// (<see cref="Crc64ErrorCodes.FileChangedWhileHashed"/>), or a folder could not be listed
    /// (<see cref="Crc64ErrorCodes.FolderUnlistable"/>).
    /// </summary>
    Unreadable,

    /// <summary>A symbolic link that leads out of the folder: nothing was read from it (<see cref="Crc64ErrorCodes.LinkLeavesFolder"/>).</summary>
    LinkLeavesFolder,

    /// <summary>A pipe, device, socket or directory where the manifest lists a file (<see cref="Crc64ErrorCodes.NotARegularFile"/>).</summary>
    NotARegularFile,
}
