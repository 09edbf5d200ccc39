using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Security.Cryptography;
using System.Text;

namespace CrcBuildTools.Emulator.Signatures;

/// <summary>Recomputes an OSS4-HMAC-SHA256 signature from the received request, independently of the client.</summary>
internal static class OssV4SignatureCheck
{
    public const string Prefix = "OSS4-HMAC-SHA256 ";

    public static SignatureFailure? Check(IncomingRequest request, EmulatorOptions options, DateTimeOffset now)
    {
        string authorization = request.Header("authorization") ?? "";
        Dictionary<string, string> fields = AuthorizationFields.Parse(authorization.Substring(Prefix.Length), ',');
        string[] credential = (fields.GetValueOrDefault("Credential") ?? "").Split('/');
        if (credential.Length != 5 || credential[3] != "oss" || credential[4] != "aliyun_v4_request")
        {
            return new(403, "AccessDenied", "The Credential of the Authorization header is malformed.");
        }

        if (credential[0] != options.AccessKeyId)
        {
            return new(403, "InvalidAccessKeyId", "The OSS Access Key Id you provided does not exist in our records.");
        }

        string? dateTime = request.Header("x-oss-date");
        if (dateTime is null || !DateTimeOffset.TryParseExact(dateTime, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal, out DateTimeOffset sent))
        {
            return new(403, "AccessDenied", "x-oss-date is missing or malformed.");
        }

        if ((now - sent).Duration() > options.AllowedClockSkew)
        {
            return new(403, "RequestTimeTooSkewed", "The difference between the request time and the current time is too large.");
        }

        if (credential[1] != dateTime.Substring(0, 8) || credential[2] != options.Region)
        {
            return new(403, "SignatureDoesNotMatch", "The credential scope names another date or region.");
        }

        if (request.Header("x-oss-content-sha256") is null)
        {
            return new(403, "AccessDenied", "x-oss-content-sha256 is required by V4.");
        }

        if (options.SessionToken is not null && request.Header("x-oss-security-token") != options.SessionToken)
        {
            return new(403, "InvalidSecurityToken", "x-oss-security-token is missing or wrong.");
        }

        string[] additional = (fields.GetValueOrDefault("AdditionalHeaders") ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries);
        string expected = ComputeSignature(options.Secret, options.Region, options.Bucket, request.Method, request.Key,
            request.Query, request.Headers, additional, dateTime);
        return expected == fields.GetValueOrDefault("Signature")
            ? null
            : new(403, "SignatureDoesNotMatch", "The request signature we calculated does not match the signature you provided.");
    }

    public static string ComputeSignature(
        string secret, string region, string bucket, string method, string key,
        IEnumerable<KeyValuePair<string, string?>> query, IReadOnlyDictionary<string, string> lowercaseHeaders,
        IReadOnlyCollection<string> additionalHeaders, string dateTime)
    {
        string uri = "/" + bucket + "/" + string.Join("/", key.Split('/').Select(Uri.EscapeDataString));
        string canonicalQuery = string.Join("&", query
            .Select(q => (Name: Uri.EscapeDataString(q.Key), Value: string.IsNullOrEmpty(q.Value) ? "" : Uri.EscapeDataString(q.Value)))
            .OrderBy(q => q.Name, StringComparer.Ordinal).ThenBy(q => q.Value, StringComparer.Ordinal)
            .Select(q => q.Value.Length == 0 ? q.Name : q.Name + "=" + q.Value));
        var canonicalHeaders = new StringBuilder();
        foreach (var header in lowercaseHeaders.OrderBy(h => h.Key, StringComparer.Ordinal))
        {
            if (header.Key.StartsWith("x-oss-", StringComparison.Ordinal) || header.Key is "content-type" or "content-md5" ||
                additionalHeaders.Contains(header.Key))
            {
                canonicalHeaders.Append(header.Key).Append(':').Append(header.Value.Trim()).Append('\n');
            }
        }

        string canonicalRequest = $"{method}\n{uri}\n{canonicalQuery}\n{canonicalHeaders}\n{string.Join(";", additionalHeaders)}\nUNSIGNED-PAYLOAD";
        string date = dateTime.Substring(0, 8);
        string stringToSign = $"OSS4-HMAC-SHA256\n{dateTime}\n{date}/{region}/oss/aliyun_v4_request\n" +
                              Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest)));
        byte[] signingKey = Encoding.UTF8.GetBytes("aliyun_v4" + secret);
        foreach (string step in new[] { date, region, "oss", "aliyun_v4_request" })
        {
            signingKey = HMACSHA256.HashData(signingKey, Encoding.UTF8.GetBytes(step));
        }

        return Convert.ToHexStringLower(HMACSHA256.HashData(signingKey, Encoding.UTF8.GetBytes(stringToSign)));
    }
}
