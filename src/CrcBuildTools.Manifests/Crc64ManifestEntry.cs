using System;

namespace CrcBuildTools.Manifests;

/// <summary>One file of a manifest.</summary>
public sealed class Crc64ManifestEntry : IEquatable<Crc64ManifestEntry>
{
    /// <summary>Creates an entry; the path is checked by <see cref="ManifestPath.Validate"/>.</summary>
    /// <param name="path">Relative path with <c>/</c> separators, for example <c>runtimes/linux-x64/native/libe_sqlite3.so</c>.</param>
    /// <param name="length">File length in bytes.</param>
    /// <param name="crc64">CRC-64/XZ of the file's bytes.</param>
    public Crc64ManifestEntry(string path, long length, ulong crc64)
    {
        string? problem = ManifestPath.Validate(path);
        if (problem is not null)
        {
            throw new ArgumentException(problem, nameof(path));
        }

        if (length < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(length), length, "A file length cannot be negative.");
        }

        Path = path;
        Length = length;
        Crc64 = crc64;
    }

    private Crc64ManifestEntry(string path, long length, ulong crc64, bool checkedByCaller)
    {
        _ = checkedByCaller;
        Path = path;
        Length = length;
        Crc64 = crc64;
    }

    /// <summary>Relative path with <c>/</c> separators.</summary>
    public string Path { get; }

    /// <summary>File length in bytes.</summary>
    public long Length { get; }

    /// <summary>CRC-64/XZ of the file's bytes.</summary>
    public ulong Crc64 { get; }

    /// <summary>An entry whose path and length the reader has already validated (the check is not repeated per file).</summary>
    internal static Crc64ManifestEntry Trusted(string path, long length, ulong crc64) => new(path, length, crc64, checkedByCaller: true);

    /// <inheritdoc />
    public bool Equals(Crc64ManifestEntry? other) =>
        other is not null && string.Equals(Path, other.Path, StringComparison.Ordinal) && Length == other.Length && Crc64 == other.Crc64;

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as Crc64ManifestEntry);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Path) ^ Length.GetHashCode() ^ Crc64.GetHashCode();

    /// <inheritdoc />
    public override string ToString() => $"{Path} ({Length} bytes, CRC-64 {Crc64})";
}
