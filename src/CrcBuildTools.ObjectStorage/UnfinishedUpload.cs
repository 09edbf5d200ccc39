using System;

namespace CrcBuildTools.ObjectStorage;

/// <summary>A multipart upload that was started and never completed or aborted; the service bills its parts.</summary>
/// <param name="Key">The object key it would have created.</param>
/// <param name="UploadId">The id that aborts it.</param>
/// <param name="Initiated">When it was started, as the service reports it (null if it did not say).</param>
public sealed record UnfinishedUpload(string Key, string UploadId, DateTimeOffset? Initiated)
{
    /// <summary>How long ago it was started, measured against <paramref name="now"/>; null when unknown.</summary>
    /// <param name="now">The current time.</param>
    /// <returns>The age.</returns>
    public TimeSpan? AgeAt(DateTimeOffset now) => Initiated is DateTimeOffset started ? now - started : null;
}
