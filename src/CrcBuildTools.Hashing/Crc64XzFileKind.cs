namespace CrcBuildTools.Hashing;

/// <summary>What a path names once every symbolic link on it is followed.</summary>
public enum Crc64XzFileKind
{
    /// <summary>The kind could not be determined on this platform (reported only where no probe exists).</summary>
    Unknown,

    /// <summary>A regular file: the only kind whose length is known before it is read.</summary>
    RegularFile,

    /// <summary>A directory.</summary>
    Directory,

    /// <summary>A named pipe (FIFO), or a pipe such as <c>/dev/stdin</c> fed by another process: it may never end.</summary>
    Fifo,

    /// <summary>A character device such as <c>/dev/zero</c> or a terminal: it may never end.</summary>
    CharacterDevice,

    /// <summary>A block device (a whole disk or partition).</summary>
    BlockDevice,

    /// <summary>A Unix domain socket, which cannot be opened as a file at all.</summary>
    Socket,
}
