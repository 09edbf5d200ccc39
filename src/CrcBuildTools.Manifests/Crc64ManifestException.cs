using System;

namespace CrcBuildTools.Manifests;

/// <summary>
/// A manifest or hashing failure that carries its CRC1xxx code, the file it concerns and, for a malformed manifest,
/// the 1-based line and column of the first problem.
/// </summary>
public sealed class Crc64ManifestException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="code">One of <see cref="Crc64ErrorCodes"/>.</param>
    /// <param name="message">What went wrong and what to do about it, without the code (hosts print <see cref="Code"/> beside it).</param>
    /// <param name="filePath">The file concerned, if any.</param>
    /// <param name="line">1-based line, or 0 when not applicable.</param>
    /// <param name="column">1-based column, or 0 when not applicable.</param>
    /// <param name="innerException">The underlying failure, if any.</param>
    public Crc64ManifestException(string code, string message, string? filePath = null, int line = 0, int column = 0, Exception? innerException = null)
        : base(message, innerException)
    {
        Code = code;
        FilePath = filePath;
        Line = line;
        Column = column;
    }

    /// <summary>The CRC1xxx code.</summary>
    public string Code { get; }

    /// <summary>The file concerned, if any.</summary>
    public string? FilePath { get; }

    /// <summary>1-based line of the problem in <see cref="FilePath"/>, or 0.</summary>
    public int Line { get; }

    /// <summary>1-based column of the problem in <see cref="FilePath"/>, or 0.</summary>
    public int Column { get; }
}
