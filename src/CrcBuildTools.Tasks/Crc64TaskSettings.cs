using System.Globalization;
using CrcBuildTools.Manifests;
using Microsoft.Build.Utilities;

namespace CrcBuildTools.Tasks;

/// <summary>
/// Numeric task settings arrive as text and are parsed here, so that "abc", "-5" or "5000000" get the package's own
/// coded error naming the property and its range, instead of MSBuild's MSB4030 or a silent fallback to a default.
/// </summary>
internal static class Crc64TaskSettings
{
    /// <summary>The most hashing workers <c>Crc64ManifestParallelism</c> accepts.</summary>
    public const int MaxParallelism = 512;

    /// <summary><c>Crc64ManifestParallelism</c>: empty or 0 for one worker per core, else 1 to 512.</summary>
    public static bool TryParallelism(TaskLoggingHelper log, string? text, out int parallelism)
    {
        parallelism = 0;
        string trimmed = (text ?? string.Empty).Trim();
        if (trimmed.Length == 0 || (int.TryParse(trimmed, NumberStyles.None, CultureInfo.InvariantCulture, out parallelism) && parallelism <= MaxParallelism))
        {
            return true;
        }

        Crc64TaskLog.Error(log, Crc64ErrorCodes.BadConfiguration, null,
            $"Crc64ManifestParallelism is '{DisplayText.Of(text ?? string.Empty)}'. Use 0 (one hashing worker per core, the default) or a number of workers from 1 to {MaxParallelism}.");
        return false;
    }
}
