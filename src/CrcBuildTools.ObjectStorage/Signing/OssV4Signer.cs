using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace CrcBuildTools.ObjectStorage.Signing;

/// <summary>
/// Alibaba OSS V4 signature, <c>OSS4-HMAC-SHA256</c> with an unsigned payload. The canonical URI always names the
/// bucket, even when the request goes to a custom or loopback endpoint: that is what lets any base URL work.
/// </summary>
internal sealed class OssV4Signer : IRequestSigner
{
    public const string Algorithm = "OSS4-HMAC-SHA256";
    public const string UnsignedPayload = "UNSIGNED-PAYLOAD";
    public const string SecurityTokenHeader = "x-oss-security-token";

    private readonly string _bucket;
    private readonly string _region;

    public OssV4Signer(string bucket, string region)
    {
        _bucket = bucket;
        _region = region;
    }

    public void Sign(SignableRequest request, StorageCredentials credentials, DateTimeOffset now)
    {
        string dateTime = FormatDateTime(now);
        request.SetHeader("x-oss-date", dateTime);
        request.SetHeader("x-oss-content-sha256", UnsignedPayload);
        if (credentials.SessionToken is not null)
        {
            request.SetHeader(SecurityTokenHeader, credentials.SessionToken);
        }

        OssV4Signature signature = Compute(credentials.AccessKeyId, credentials.Secret, _region, _bucket, request.Method,
            request.ObjectKey, request.Query, request.Headers, Array.Empty<string>(), dateTime);
        request.SetHeader("Authorization", signature.Authorization);
    }

    public static string FormatDateTime(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Computes every step of the signature.</summary>
    /// <param name="accessKeyId">Named in the credential scope.</param>
    /// <param name="secret">Used only as the root of the key chain.</param>
    /// <param name="region">Bare region id, e.g. <c>cn-hangzhou</c>.</param>
    /// <param name="bucket">The bucket; empty for service-level requests.</param>
    /// <param name="method">Upper-case HTTP method.</param>
    /// <param name="objectKey">Raw object key.</param>
    /// <param name="query">Decoded parameters; null or empty value signs as the bare name.</param>
    /// <param name="headers">All headers sent.</param>
    /// <param name="additionalHeaders">Extra header names to sign besides x-oss-*, content-type and content-md5.</param>
    /// <param name="dateTime"><c>yyyyMMddTHHmmssZ</c>, as sent in <c>x-oss-date</c>.</param>
    public static OssV4Signature Compute(
        string accessKeyId,
        string secret,
        string region,
        string bucket,
        string method,
        string objectKey,
        IEnumerable<KeyValuePair<string, string?>> query,
        IEnumerable<KeyValuePair<string, string>> headers,
        IEnumerable<string> additionalHeaders,
        string dateTime)
    {
        var additional = additionalHeaders.Select(h => h.Trim().ToLowerInvariant()).Distinct().OrderBy(h => h, StringComparer.Ordinal).ToList();
        string canonicalUri = "/" + (bucket.Length > 0 ? bucket + "/" : "") + PercentEncoding.EncodePath(objectKey);

        string canonicalQuery = string.Join("&", query
            .Select(q => (Name: PercentEncoding.Encode(q.Key), Value: string.IsNullOrEmpty(q.Value) ? null : PercentEncoding.Encode(q.Value!)))
            .OrderBy(q => q.Name, StringComparer.Ordinal).ThenBy(q => q.Value, StringComparer.Ordinal)
            .Select(q => q.Value is null ? q.Name : q.Name + "=" + q.Value));

        string canonicalHeaders = string.Concat(headers
            .Select(h => (Name: h.Key.Trim().ToLowerInvariant(), Value: h.Value.Trim()))
            .Where(h => h.Name.StartsWith("x-oss-", StringComparison.Ordinal) || h.Name is "content-type" or "content-md5" ||
                        additional.Contains(h.Name))
            .OrderBy(h => h.Name, StringComparer.Ordinal)
            .Select(h => h.Name + ":" + h.Value + "\n"));

        string additionalList = string.Join(";", additional);
        string canonicalRequest = method + "\n" + canonicalUri + "\n" + canonicalQuery + "\n" + canonicalHeaders + "\n" +
                                  additionalList + "\n" + UnsignedPayload;
        string canonicalRequestSha256 = CryptoText.LowerHex(CryptoText.Sha256(canonicalRequest));

        string date = dateTime.Substring(0, 8);
        string scope = date + "/" + region + "/oss/aliyun_v4_request";
        string stringToSign = Algorithm + "\n" + dateTime + "\n" + scope + "\n" + canonicalRequestSha256;

        byte[] key = CryptoText.HmacSha256(CryptoText.Utf8("aliyun_v4" + secret), date);
        key = CryptoText.HmacSha256(key, region);
        key = CryptoText.HmacSha256(key, "oss");
        key = CryptoText.HmacSha256(key, "aliyun_v4_request");
        string signature = CryptoText.LowerHex(CryptoText.HmacSha256(key, stringToSign));

        string authorization = Algorithm + " Credential=" + accessKeyId + "/" + scope +
                               (additional.Count > 0 ? ",AdditionalHeaders=" + additionalList : "") +
                               ",Signature=" + signature;
        return new OssV4Signature(canonicalRequest, canonicalRequestSha256, stringToSign, signature, authorization);
    }
}

/// <summary>Every intermediate value of an OSS V4 signature, for tests.</summary>
internal sealed record OssV4Signature(
    string CanonicalRequest,
    string CanonicalRequestSha256,
    string StringToSign,
    string Signature,
    string Authorization);
