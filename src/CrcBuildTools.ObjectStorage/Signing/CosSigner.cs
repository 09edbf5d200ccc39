using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace CrcBuildTools.ObjectStorage.Signing;

/// <summary>
/// Tencent COS request signature, <c>q-sign-algorithm=sha1</c>. The steps follow the vendor's signing page; the
/// intermediate values are exposed so tests can check each against the published vectors.
/// </summary>
internal sealed class CosSigner : IRequestSigner
{
    public const string SecurityTokenHeader = "x-cos-security-token";

    /// <summary>
    /// How far the key time starts in the past. The SDKs back-date it so a client clock slightly ahead of the
    /// service is still accepted; the end is far enough ahead for the slowest 5 GiB part.
    /// </summary>
    private static readonly TimeSpan StartSkew = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan Validity = TimeSpan.FromHours(2);

    public void Sign(SignableRequest request, StorageCredentials credentials, DateTimeOffset now)
    {
        if (credentials.SessionToken is not null)
        {
            request.SetHeader(SecurityTokenHeader, credentials.SessionToken);
        }

        long start = (now - StartSkew).ToUnixTimeSeconds();
        long end = (now + Validity).ToUnixTimeSeconds();
        string keyTime = start.ToString(CultureInfo.InvariantCulture) + ";" + end.ToString(CultureInfo.InvariantCulture);

        // Sign host plus every content-* and x-cos-* header we send, so none can be altered in transit.
        var signedHeaders = request.Headers.Where(h => IsSignedHeader(h.Key));
        var parameters = request.Query.Select(q => new KeyValuePair<string, string?>(q.Key, q.Value));
        CosSignature signature = Compute(credentials.AccessKeyId, credentials.Secret, request.Method,
            "/" + request.ObjectKey, parameters, signedHeaders, keyTime);
        request.SetHeader("Authorization", signature.Authorization);
    }

    private static bool IsSignedHeader(string name) =>
        name.Equals("host", StringComparison.OrdinalIgnoreCase) ||
        name.StartsWith("content-", StringComparison.OrdinalIgnoreCase) ||
        name.StartsWith("x-cos-", StringComparison.OrdinalIgnoreCase);

    /// <summary>Computes every step of the signature.</summary>
    /// <param name="secretId">SecretId, named in the Authorization header.</param>
    /// <param name="secretKey">SecretKey, used only as HMAC key.</param>
    /// <param name="method">HTTP method in any case.</param>
    /// <param name="decodedPath">The URL-decoded path, e.g. <c>/exampleobject(腾讯云)</c>.</param>
    /// <param name="parameters">Query parameters, decoded; a null value signs as <c>k=</c>.</param>
    /// <param name="headers">The headers to sign, decoded.</param>
    /// <param name="keyTime"><c>start;end</c> in Unix seconds.</param>
    public static CosSignature Compute(
        string secretId,
        string secretKey,
        string method,
        string decodedPath,
        IEnumerable<KeyValuePair<string, string?>> parameters,
        IEnumerable<KeyValuePair<string, string>> headers,
        string keyTime)
    {
        (string paramList, string paramText) = Canonicalize(parameters.Select(p => new KeyValuePair<string, string>(p.Key, p.Value ?? "")));
        (string headerList, string headerText) = Canonicalize(headers);

        string signKey = CryptoText.LowerHex(CryptoText.HmacSha1(CryptoText.Utf8(secretKey), keyTime));
        string httpString = method.ToLowerInvariant() + "\n" + decodedPath + "\n" + paramText + "\n" + headerText + "\n";
        string httpStringSha1 = CryptoText.LowerHex(CryptoText.Sha1(httpString));
        string stringToSign = "sha1\n" + keyTime + "\n" + httpStringSha1 + "\n";

        // The key of the final HMAC is the hex TEXT of SignKey, not its bytes: a classic trap of this scheme.
        string signatureHex = CryptoText.LowerHex(CryptoText.HmacSha1(CryptoText.Utf8(signKey), stringToSign));
        string authorization =
            "q-sign-algorithm=sha1&q-ak=" + secretId + "&q-sign-time=" + keyTime + "&q-key-time=" + keyTime +
            "&q-header-list=" + headerList + "&q-url-param-list=" + paramList + "&q-signature=" + signatureHex;
        return new CosSignature(signKey, httpString, httpStringSha1, stringToSign, headerList, paramList, signatureHex, authorization);
    }

    /// <summary>Lowercases names, percent-encodes names and values, sorts, and joins them both ways.</summary>
    private static (string NameList, string Text) Canonicalize(IEnumerable<KeyValuePair<string, string>> pairs)
    {
        var encoded = pairs
            .Select(p => (Name: PercentEncoding.Encode(p.Key.ToLowerInvariant()), Value: PercentEncoding.Encode(p.Value.Trim())))
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .ToList();
        return (string.Join(";", encoded.Select(p => p.Name)), string.Join("&", encoded.Select(p => p.Name + "=" + p.Value)));
    }
}

/// <summary>
/// Every intermediate value of a COS signature, for tests. SignKey is a key derived from the secret (valid for the
/// whole key time) and Signature/Authorization authorise the request: none of them is ever printed, so the record's
/// generated <c>ToString</c> (which would list every member) is replaced by one that names only the harmless parts.
/// </summary>
internal sealed record CosSignature(
    string SignKey,
    string HttpString,
    string HttpStringSha1,
    string StringToSign,
    string HeaderList,
    string ParameterList,
    string Signature,
    string Authorization)
{
    /// <inheritdoc />
    public override string ToString() => $"CosSignature {{ HeaderList = {HeaderList}, ParameterList = {ParameterList}, key and signature not shown }}";

    // Replaces the synthesized member printer too, so nothing that builds on it (a debugger display, a derived
    // ToString) can list SignKey.
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append("key and signature not shown");
        return true;
    }
}
