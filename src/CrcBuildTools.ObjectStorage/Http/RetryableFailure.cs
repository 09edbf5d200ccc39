using System;

namespace CrcBuildTools.ObjectStorage.Http;

/// <summary>
/// Thrown by a response reader when the answer was bad in a way another attempt may cure (a CRC header or a body
/// that disagrees with what is expected, a 200 with an error body). The pipeline retries; when the attempts run
/// out it throws <see cref="Final"/>.
/// </summary>
internal sealed class RetryableFailure : Exception
{
    public RetryableFailure(string reason, ObjectStorageException final)
        : base(reason)
    {
        Reason = reason;
        Final = final;
    }

    public string Reason { get; }

    public ObjectStorageException Final { get; }
}

/// <summary>A retry about to happen, for whoever reports progress.</summary>
internal sealed record RetryNotice(string ObjectKey, string Operation, string Reason, int FailedAttempt, TimeSpan Delay);
