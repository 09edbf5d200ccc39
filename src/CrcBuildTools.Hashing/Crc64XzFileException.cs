using System.IO;

namespace CrcBuildTools.Hashing;

/// <summary>
/// A file the CRC engine refused to hash as asked: it leads out of the containing folder, it is not a regular file,
/// or it kept changing while it was hashed. It derives from <see cref="IOException"/>, so code that already treats
/// I/O failures as "this file cannot be hashed" keeps working; <see cref="Problem"/> says which case it is.
/// </summary>
public sealed class Crc64XzFileException : IOException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="problem">Which rule the file broke.</param>
    /// <param name="filePath">The path as it was given.</param>
    /// <param name="message">A sentence that names the file and says what happened.</param>
    /// <param name="kind">What the path names (for <see cref="Crc64XzFileProblem.NotARegularFile"/>).</param>
    /// <param name="resolvedPath">Where the path leads once links are followed, when known.</param>
    public Crc64XzFileException(Crc64XzFileProblem problem, string filePath, string message, Crc64XzFileKind kind = Crc64XzFileKind.Unknown, string? resolvedPath = null)
        : base(message)
    {
        Problem = problem;
        FilePath = filePath;
        Kind = kind;
        ResolvedPath = resolvedPath;
    }

    /// <summary>Which rule the file broke.</summary>
    public Crc64XzFileProblem Problem { get; }

    /// <summary>The path as it was given.</summary>
    public string FilePath { get; }

    /// <summary>What the path names; <see cref="Crc64XzFileKind.Unknown"/> when it does not matter.</summary>
    public Crc64XzFileKind Kind { get; }

    /// <summary>
    /// Where the path leads once every symbolic link is followed, when known. Only a location is reported, never
    /// anything read from it: a link out of a folder must not leak the content or even the length of its target.
    /// </summary>
    public string? ResolvedPath { get; }
}
