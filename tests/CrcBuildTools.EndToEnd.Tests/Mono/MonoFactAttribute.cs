using Xunit;

namespace CrcBuildTools.EndToEnd.Tests.Mono;

/// <summary>A fact of the Mono leg: reported SKIPPED, with the reason, where mono cannot be installed.</summary>
public sealed class MonoFactAttribute : FactAttribute
{
    public MonoFactAttribute()
    {
        if (MonoTaskHost.Unavailable is { } reason)
        {
            Skip = reason;
        }
    }
}
