using System;
using System.Linq;

namespace CrcBuildTools.ObjectStorage.Upload;

/// <summary>Turns prefix + relative path into an object key, refusing keys that would not round-trip.</summary>
internal static class ObjectKeys
{
    /// <summary>The prefix with exactly one trailing slash, or empty.</summary>
    public static string NormalizePrefix(string prefix)
    {
        string trimmed = prefix.Trim();
        return trimmed.Length == 0 || trimmed.EndsWith("/", StringComparison.Ordinal) ? trimmed : trimmed + "/";
    }

    /// <summary>Builds the key; CRC3008 for empty, <c>.</c> or <c>..</c> segments or control characters.</summary>
    public static string Combine(string normalizedPrefix, string relativePath)
    {
        string path = relativePath.Replace('\\', '/');
        string key = normalizedPrefix + path;
        string[] segments = key.Split('/');
        if (path.Length == 0 || segments.Any(s => s.Length == 0 || s == "." || s == "..") || key.Any(char.IsControl))
        {
            throw new ObjectStorageException(StorageErrorCodes.InvalidObjectKey,
                $"'{key}' cannot be an object key: it has an empty, '.' or '..' folder, or a control character",
                "Rename the file or fix Crc64UploadPrefix; keys must be plain relative paths so they round-trip exactly.")
            {
                ObjectKey = key,
            };
        }

        return key;
    }
}
