namespace CrcBuildTools.Manifests;

/// <summary>One difference between a folder and its manifest, with a ready-to-print coded message.</summary>
public sealed class Crc64VerificationProblem
{
    internal Crc64VerificationProblem(Crc64VerificationProblemKind kind, string path, string fullPath, string code, string message)
    {
        Kind = kind;
        Path = path;
        FullPath = fullPath;
        Code = code;
        Message = message;
    }

    /// <summary>What kind of difference.</summary>
    public Crc64VerificationProblemKind Kind { get; }

    /// <summary>The manifest path (relative, <c>/</c>).</summary>
    public string Path { get; }

    /// <summary>The file on disk.</summary>
    public string FullPath { get; }

    /// <summary>The CRC1xxx code.</summary>
    public string Code { get; }

    /// <summary>The message, starting with the code, saying what differs and what to do.</summary>
    public string Message { get; }
}
