using System;

namespace CrcBuildTools.ObjectStorage.Signing;

/// <summary>Adds the date, token and Authorization headers a provider requires.</summary>
internal interface IRequestSigner
{
    /// <summary>Signs <paramref name="request"/> in place. <paramref name="now"/> is injectable for tests.</summary>
    void Sign(SignableRequest request, StorageCredentials credentials, DateTimeOffset now);
}
