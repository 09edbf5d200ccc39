using System;
using System.Collections.Generic;
using System.Linq;
using CrcBuildTools.ObjectStorage.Upload;

namespace CrcBuildTools.ObjectStorage;

/// <summary>
/// A release channel (<c>stable</c>, <c>beta</c>...): after the manifest, the upload writes a small pointer at
/// <see cref="Key"/> naming this release's manifest with its length and CRC-64, so a deploy machine or an updater can
/// follow the channel without knowing the version (see <c>Crc64ChannelPointer</c>).
/// </summary>
/// <param name="Name">The channel name: letters, digits, <c>.</c>, <c>_</c> and <c>-</c>.</param>
/// <param name="Key">The pointer's full object key, e.g. <c>MyApp/channels/stable.json</c>.</param>
/// <param name="Version">The version of the release being uploaded.</param>
public sealed record ReleaseChannel(string Name, string Key, string Version)
{
    /// <summary>Throws CRC3080-CRC3082 when the name or key is unusable, or the key is one of <paramref name="releaseKeys"/>.</summary>
    internal void Validate(IEnumerable<string> releaseKeys)
    {
        if (string.IsNullOrWhiteSpace(Name) || Name is "." or ".." || Name.Any(c => !(char.IsLetterOrDigit(c) && c < 128) && c is not ('.' or '_' or '-')))
        {
            throw new ObjectStorageException(StorageErrorCodes.InvalidChannel, $"Crc64UploadChannel '{Name}' is not a plain channel name",
                "Use letters, digits, '.', '_' and '-' only, e.g. 'stable' or 'beta-2'.");
        }

        try
        {
            ObjectKeys.Combine("", Key ?? "");
        }
        catch (ObjectStorageException e)
        {
            throw new ObjectStorageException(StorageErrorCodes.InvalidChannelKey, $"Crc64UploadChannelKey '{Key}' cannot be an object key: {e.Summary}",
                "Use a plain relative key such as 'MyApp/channels/stable.json'.") { ObjectKey = Key };
        }

        if (releaseKeys.Contains(Key, StringComparer.Ordinal))
        {
            throw new ObjectStorageException(StorageErrorCodes.ChannelKeyCollides, $"Crc64UploadChannelKey '{Key}' is the key of a file of the release or of its manifest",
                "Give the pointer its own key, outside the release's prefix (the default is '<PackageId>/channels/<channel>.json').") { ObjectKey = Key };
        }

        if (string.IsNullOrWhiteSpace(Version))
        {
            throw new ObjectStorageException(StorageErrorCodes.InvalidChannel, "The release has no version to record in the channel pointer",
                "Set Version (or VersionPrefix) in the project.");
        }
    }
}
