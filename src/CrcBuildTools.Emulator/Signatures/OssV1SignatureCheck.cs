using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Security.Cryptography;
using System.Text;

namespace CrcBuildTools.Emulator.Signatures;

/// <summary>Recomputes a legacy OSS V1 (HMAC-SHA1) signature from the received request.</summary>
internal static class OssV1SignatureCheck
{
    /// <summary>
    /// The query parameters V1 signs (the service's list, as its SDKs carry it); every other parameter, such as
    /// <c>prefix</c>, <c>max-keys</c> or <c>list-type</c>, stays out of the string to sign.
    /// </summary>
    private static readonly HashSet<string> SignedSubResources = new(StringComparer.Ordinal)
    {
        "acl", "uploads", "location", "cors", "logging", "website", "referer", "lifecycle", "delete", "append", "tagging",
        "objectMeta", "uploadId", "partNumber", "security-token", "position", "img", "style", "styleName", "replication",
        "replicationProgress", "replicationLocation", "cname", "bucketInfo", "comp", "qos", "live", "status", "vod",
        "startTime", "endTime", "symlink", "x-oss-process", "response-content-type", "x-oss-traffic-limit",
        "response-content-language", "response-expires", "response-cache-control", "response-content-disposition",
        "response-content-encoding", "udf", "udfName", "udfImage", "udfId", "udfImageDesc", "udfApplication",
        "udfApplicationLog", "restore", "callback", "callback-var", "qosInfo", "policy", "stat", "encryption", "versions",
        "versioning", "versionId", "requestPayment", "x-oss-request-payer", "sequential", "inventory", "inventoryId",
        "continuation-token", "asyncFetch", "worm", "wormId", "wormExtend", "withHashContext", "x-oss-enable-md5",
        "x-oss-enable-sha1", "x-oss-enable-sha256", "x-oss-hash-ctx", "x-oss-md5-ctx", "transferAcceleration",
        "regionList", "cloudboxes", "x-oss-ac-source-ip", "x-oss-ac-subnet-mask", "x-oss-ac-vpc-id",
        "x-oss-ac-forward-allow", "metaQuery", "resourceGroup", "rtc", "x-oss-async-process", "responseHeader",
    };

    public static SignatureFailure? Check(IncomingRequest request, EmulatorOptions options, DateTimeOffset now)
    {
        string authorization = request.Header("authorization") ?? "";
        string[] credential = authorization.Substring("OSS ".Length).Split(':', 2);
        if (credential.Length != 2)
        {
            return new(403, "AccessDenied", "The Authorization header is malformed.");
        }

        if (credential[0] != options.AccessKeyId)
        {
            return new(403, "InvalidAccessKeyId", "The OSS Access Key Id you provided does not exist in our records.");
        }

        string date = request.Header("x-oss-date") ?? request.Header("date") ?? "";
        if (!DateTimeOffset.TryParseExact(date, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset sent))
        {
            return new(403, "AccessDenied", "The Date header is missing or malformed.");
        }

        if ((now - sent).Duration() > options.AllowedClockSkew)
        {
            return new(403, "RequestTimeTooSkewed", "The difference between the request time and the current time is too large.");
        }

        if (options.SessionToken is not null && request.Header("x-oss-security-token") != options.SessionToken)
        {
            return new(403, "InvalidSecurityToken", "x-oss-security-token is missing or wrong.");
        }

        string expected = ComputeSignature(options.Secret, request.Method, options.Bucket, request.Key, request.Query, request.Headers);
        return expected == credential[1]
            ? null
            : new(403, "SignatureDoesNotMatch", "The request signature we calculated does not match the signature you provided.");
    }

    public static string ComputeSignature(
        string secret, string method, string bucket, string key, IEnumerable<KeyValuePair<string, string?>> query,
        IReadOnlyDictionary<string, string> lowercaseHeaders)
    {
        string Get(string name) => lowercaseHeaders.TryGetValue(name, out string? value) ? value.Trim() : "";
        string date = Get("x-oss-date").Length > 0 ? Get("x-oss-date") : Get("date");
        var text = new StringBuilder();
        text.Append(method).Append('\n').Append(Get("content-md5")).Append('\n').Append(Get("content-type")).Append('\n')
            .Append(date).Append('\n');
        foreach (var header in lowercaseHeaders.Where(h => h.Key.StartsWith("x-oss-", StringComparison.Ordinal)).OrderBy(h => h.Key, StringComparer.Ordinal))
        {
            text.Append(header.Key).Append(':').Append(header.Value.Trim()).Append('\n');
        }

        text.Append('/').Append(bucket).Append('/').Append(key);
        var sub = query.Where(q => SignedSubResources.Contains(q.Key)).OrderBy(q => q.Key, StringComparer.Ordinal)
            .Select(q => string.IsNullOrEmpty(q.Value) ? q.Key : q.Key + "=" + q.Value).ToList();
        if (sub.Count > 0)
        {
            text.Append('?').Append(string.Join("&", sub));
        }

        return Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(text.ToString())));
    }
}
