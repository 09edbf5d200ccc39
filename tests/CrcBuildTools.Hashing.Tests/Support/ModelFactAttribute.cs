using Xunit;

namespace CrcBuildTools.Hashing.Tests.Support;

/// <summary>
/// A fact that runs the 512-bit model (<see cref="ModelVpclmulqdq512Multiply"/>), which needs x86 PCLMULQDQ; elsewhere
/// (ARM) it is reported as skipped with the reason, never as passed.
/// </summary>
public sealed class ModelFactAttribute : FactAttribute
{
    public ModelFactAttribute()
    {
        if (!ModelVpclmulqdq512Multiply.IsSupported)
        {
            Skip = "The 512-bit model multiplies with 128-bit PCLMULQDQ, which this CPU lacks.";
        }
    }
}
