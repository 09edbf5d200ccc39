namespace CrcBuildTools.Hashing;

/// <summary>Why <see cref="Crc64Xz.HashFile"/> or <see cref="Crc64Xz.OpenFile"/> refused a file that exists.</summary>
public enum Crc64XzFileProblem
{
    /// <summary>
    /// <see cref="Crc64XzFileOptions.ContainingFolder"/> is set and the path, once every symbolic link on it is
    /// followed, leads out of that folder (or through a link this runtime cannot follow). Nothing was read.
    /// </summary>
    OutsideFolder,

    /// <summary>
    /// The path names a directory, pipe, device or socket, whose length is not known before it is read (and which may
    /// never end), and <see cref="Crc64XzFileOptions.ReadNonRegularFiles"/> is off. Nothing was read.
    /// </summary>
    NotARegularFile,

    /// <summary>The file was written to while it was hashed, and again while it was hashed a second time.</summary>
    ChangedWhileHashed,
}
