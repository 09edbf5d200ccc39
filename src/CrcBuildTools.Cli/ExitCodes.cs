namespace CrcBuildTools.Cli;

/// <summary>Process exit codes, stable for scripts.</summary>
internal static class ExitCodes
{
    /// <summary>Everything was hashed or verified.</summary>
    public const int Success = 0;

    /// <summary>At least one file could not be hashed, or a verification found a difference.</summary>
    public const int Failure = 1;

    /// <summary>The command line itself was wrong.</summary>
    public const int UsageError = 2;

    /// <summary>Ctrl+C stopped the command (128 + SIGINT, as shells report it).</summary>
    public const int Cancelled = 130;
}
