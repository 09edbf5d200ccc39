using System.Collections.Generic;

namespace CrcBuildTools.Manifests;

/// <summary>The outcome of checking a folder against a manifest.</summary>
public sealed class Crc64VerificationResult
{
    internal Crc64VerificationResult(IReadOnlyList<Crc64VerificationProblem> problems, int filesVerified)
    {
        Problems = problems;
        FilesVerified = filesVerified;
    }

    /// <summary>Every difference, sorted by path. Empty when the folder matches.</summary>
    public IReadOnlyList<Crc64VerificationProblem> Problems { get; }

    /// <summary>How many manifest entries matched exactly.</summary>
    public int FilesVerified { get; }

    /// <summary>Whether the folder matches the manifest.</summary>
    public bool Success => Problems.Count == 0;
}
