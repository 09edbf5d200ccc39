using CrcBuildTools.Hashing;

namespace CrcBuildTools.Manifests;

/// <summary>The outcome of hashing one file: its hash, or the coded error that stopped it.</summary>
public sealed class Crc64FileHashResult
{
    internal Crc64FileHashResult(string path, Crc64XzFileHash? hash, Crc64ManifestException? error)
    {
        Path = path;
        Hash = hash;
        Error = error;
    }

    /// <summary>The file as it was given.</summary>
    public string Path { get; }

    /// <summary>The CRC and length, or <see langword="null"/> when <see cref="Error"/> is set.</summary>
    public Crc64XzFileHash? Hash { get; }

    /// <summary>Why the file could not be hashed (<see cref="Crc64ErrorCodes.FileMissing"/> or <see cref="Crc64ErrorCodes.FileUnreadable"/>).</summary>
    public Crc64ManifestException? Error { get; }
}
