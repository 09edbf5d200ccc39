using Xunit;

namespace CrcBuildTools.Arm64.Tests;

/// <summary>A fact of the ARM64 leg: reported SKIPPED, with the reason, where the emulator cannot be installed.</summary>
public sealed class Arm64FactAttribute : FactAttribute
{
    public Arm64FactAttribute()
    {
        if (Arm64Emulation.Unavailable is { } reason)
        {
            Skip = reason;
        }
    }
}

/// <summary>A theory of the ARM64 leg: reported SKIPPED, with the reason, where the emulator cannot be installed.</summary>
public sealed class Arm64TheoryAttribute : TheoryAttribute
{
    public Arm64TheoryAttribute()
    {
        if (Arm64Emulation.Unavailable is { } reason)
        {
            Skip = reason;
        }
    }
}
