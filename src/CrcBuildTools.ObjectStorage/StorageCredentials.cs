using System;

namespace CrcBuildTools.ObjectStorage;

/// <summary>
/// A key pair and optional session token. Read from environment variables only (<see cref="FromEnvironment"/>),
/// because MSBuild properties end up in command lines, logs and binlogs. <see cref="ToString"/> shows no secret.
/// </summary>
public sealed class StorageCredentials
{
    /// <summary>Creates credentials; prefer <see cref="FromEnvironment"/>.</summary>
    /// <param name="accessKeyId">COS SecretId or OSS AccessKeyId.</param>
    /// <param name="secret">COS SecretKey or OSS AccessKeySecret.</param>
    /// <param name="sessionToken">The STS token of temporary credentials, or null.</param>
    public StorageCredentials(string accessKeyId, string secret, string? sessionToken = null)
    {
        AccessKeyId = accessKeyId ?? throw new ArgumentNullException(nameof(accessKeyId));
        Secret = secret ?? throw new ArgumentNullException(nameof(secret));
        SessionToken = string.IsNullOrEmpty(sessionToken) ? null : sessionToken;
    }

    /// <summary>COS SecretId or OSS AccessKeyId (sent in every request, but still shown masked).</summary>
    public string AccessKeyId { get; }

    /// <summary>COS SecretKey or OSS AccessKeySecret. Never printed.</summary>
    internal string Secret { get; }

    /// <summary>The STS session token, sent as <c>x-cos-security-token</c> / <c>x-oss-security-token</c>. Never printed.</summary>
    internal string? SessionToken { get; }

    /// <summary>Whether these are temporary credentials with a session token.</summary>
    public bool IsTemporary => SessionToken is not null;

    /// <summary>The variable names read for <paramref name="provider"/>, in order of preference: id, secret, token.</summary>
    /// <param name="provider">The service.</param>
    /// <returns>Pairs of preferred and alternative names.</returns>
    public static (string[] Id, string[] Secret, string[] Token) VariableNames(StorageProvider provider) => provider switch
    {
        StorageProvider.Cos => (
            new[] { "COS_SECRET_ID", "TENCENTCLOUD_SECRET_ID" },
            new[] { "COS_SECRET_KEY", "TENCENTCLOUD_SECRET_KEY" },
            new[] { "COS_SESSION_TOKEN", "TENCENTCLOUD_SESSION_TOKEN" }),
        _ => (
            new[] { "OSS_ACCESS_KEY_ID", "ALIBABA_CLOUD_ACCESS_KEY_ID" },
            new[] { "OSS_ACCESS_KEY_SECRET", "ALIBABA_CLOUD_ACCESS_KEY_SECRET" },
            new[] { "OSS_SESSION_TOKEN", "ALIBABA_CLOUD_SECURITY_TOKEN" }),
    };

    /// <summary>
    /// Reads the provider's variables (see docs/upload.md). The first name of each list wins over the alternative;
    /// the id and the secret must come as a pair.
    /// </summary>
    /// <param name="provider">The service.</param>
    /// <param name="readVariable">Reads one variable; defaults to <see cref="Environment.GetEnvironmentVariable(string)"/>. Tests inject a dictionary.</param>
    /// <returns>The credentials.</returns>
    /// <exception cref="ObjectStorageException">CRC3010 when none are set, CRC3011 when only half a pair is.</exception>
    public static StorageCredentials FromEnvironment(StorageProvider provider, Func<string, string?>? readVariable = null)
    {
        readVariable ??= Environment.GetEnvironmentVariable;
        (string[] idNames, string[] secretNames, string[] tokenNames) = VariableNames(provider);
        (string? id, string? idName) = FirstSet(idNames, readVariable);
        (string? secret, string? secretName) = FirstSet(secretNames, readVariable);
        (string? token, _) = FirstSet(tokenNames, readVariable);

        if (id is null && secret is null)
        {
            throw new ObjectStorageException(StorageErrorCodes.MissingCredentials,
                $"No {provider.ToString().ToUpperInvariant()} credentials in the environment",
                $"Set {idNames[0]} and {secretNames[0]} (and {tokenNames[0]} for temporary keys) in the environment of the build. " +
                "Credentials are never read from MSBuild properties, because those are recorded in logs and binlogs.");
        }

        if (id is null || secret is null)
        {
            string found = id is null ? secretName! : idName!;
            string missing = id is null ? string.Join(" or ", idNames) : string.Join(" or ", secretNames);
            throw new ObjectStorageException(StorageErrorCodes.IncompleteCredentials,
                $"{found} is set but {missing} is not",
                "Set both halves of the key pair in the environment of the build.");
        }

        return new StorageCredentials(id, secret, token);
    }

    /// <summary>Shows the key id masked and whether a token is present; never the secret or the token.</summary>
    /// <returns>For example <c>AKID****9U5q (temporary)</c>.</returns>
    public override string ToString() => Mask(AccessKeyId) + (IsTemporary ? " (temporary)" : "");

    /// <summary>Keeps the first and last four characters of long ids, nothing of short ones.</summary>
    internal static string Mask(string value) =>
        value.Length >= 12 ? value.Substring(0, 4) + "****" + value.Substring(value.Length - 4) : "****";

    private static (string? Value, string? Name) FirstSet(string[] names, Func<string, string?> read)
    {
        foreach (string name in names)
        {
            string? value = read(name);
            if (!string.IsNullOrWhiteSpace(value))
            {
                return (value!.Trim(), name);
            }
        }

        return (null, null);
    }
}
