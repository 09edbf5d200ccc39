namespace CrcBuildTools.Hashing;

/// <summary>Words for a <see cref="Crc64XzFileKind"/>, as messages use them.</summary>
public static class Crc64XzFileKindText
{
    /// <summary>The kind with its article, for example "a pipe (FIFO)".</summary>
    /// <param name="kind">The kind.</param>
    /// <returns>A phrase that completes "'x' is ...".</returns>
    public static string Describe(this Crc64XzFileKind kind) => kind switch
    {
        Crc64XzFileKind.Directory => "a directory",
        Crc64XzFileKind.Fifo => "a pipe (FIFO)",
        Crc64XzFileKind.CharacterDevice => "a character device or console",
        Crc64XzFileKind.BlockDevice => "a block device",
        Crc64XzFileKind.Socket => "a socket",
        Crc64XzFileKind.RegularFile => "a regular file",
        _ => "something other than a file",
    };
}
