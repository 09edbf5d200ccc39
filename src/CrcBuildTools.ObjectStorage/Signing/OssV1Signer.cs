using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace CrcBuildTools.ObjectStorage.Signing;

/// <summary>
/// Legacy Alibaba OSS signature (HMAC-SHA1, <c>Authorization: OSS ak:signature</c>), an opt-in for accounts that
/// predate V4. Only the sub-resources in <see cref="SubResources"/> enter the canonical resource.
/// </summary>
internal sealed class OssV1Signer : IRequestSigner
{
    /// <summary>The query names OSS V1 signs; everything else in the query is left out of the resource.</summary>
    public static readonly IReadOnlyCollection<string> SubResources = new HashSet<string>(StringComparer.Ordinal)
    {
        "acl", "uploads", "location", "cors", "logging", "website", "referer", "lifecycle", "delete", "append",
        "tagging", "objectMeta", "uploadId", "partNumber", "security-token", "position", "img", "style",
        "styleName", "replication", "replicationProgress", "replicationLocation", "cname", "bucketInfo", "comp",
        "qos", "live", "status", "vod", "startTime", "endTime", "symlink", "x-oss-process", "response-content-type",
        "response-content-language", "response-expires", "response-cache-control", "response-content-disposition",
        "response-content-encoding", "udf", "udfName", "udfImage", "udfId", "udfImageDesc", "udfApplication",
        "udfApplicationLog", "restore", "callback", "callback-var", "policy", "stat", "encryption", "versions",
        "versioning", "versionId", "sequential", "continuation-token", "regionList", "cloudboxes", "inventory",
        "inventoryId", "worm", "wormId", "wormExtend", "requestPayment",
    };

    private readonly string _bucket;

    public OssV1Signer(string bucket) => _bucket = bucket;

    public void Sign(SignableRequest request, StorageCredentials credentials, DateTimeOffset now)
    {
        request.SetHeader("Date", now.UtcDateTime.ToString("r", CultureInfo.InvariantCulture));
        if (credentials.SessionToken is not null)
        {
            request.SetHeader(OssV4Signer.SecurityTokenHeader, credentials.SessionToken);
        }

        string stringToSign = BuildStringToSign(request.Method, _bucket, request.ObjectKey, request.Query, request.Headers);
        request.SetHeader("Authorization", "OSS " + credentials.AccessKeyId + ":" + ComputeSignature(credentials.Secret, stringToSign));
    }

    public static string ComputeSignature(string secret, string stringToSign) =>
        Convert.ToBase64String(CryptoText.HmacSha1(CryptoText.Utf8(secret), stringToSign));

    /// <summary>VERB, Content-MD5, Content-Type, date, canonical x-oss-* headers, canonical resource.</summary>
    public static string BuildStringToSign(
        string method,
        string bucket,
        string objectKey,
        IEnumerable<KeyValuePair<string, string?>> query,
        IEnumerable<KeyValuePair<string, string>> headers)
    {
        var headerList = headers.Select(h => (Name: h.Key.Trim().ToLowerInvariant(), Value: h.Value.Trim())).ToList();
        string Get(string name) => headerList.Where(h => h.Name == name).Select(h => h.Value).FirstOrDefault() ?? "";

        // When x-oss-date is sent it replaces Date on the date line (and still appears among the x-oss-* headers).
        string date = Get("x-oss-date");
        if (date.Length == 0)
        {
            date = Get("date");
        }

        string ossHeaders = string.Concat(headerList
            .Where(h => h.Name.StartsWith("x-oss-", StringComparison.Ordinal))
            .OrderBy(h => h.Name, StringComparer.Ordinal)
            .Select(h => h.Name + ":" + h.Value + "\n"));

        var subResources = query.Where(q => SubResources.Contains(q.Key)).OrderBy(q => q.Key, StringComparer.Ordinal)
            .Select(q => string.IsNullOrEmpty(q.Value) ? q.Key : q.Key + "=" + q.Value).ToList();
        string resource = "/" + (bucket.Length > 0 ? bucket + "/" + objectKey : "") +
                          (subResources.Count > 0 ? "?" + string.Join("&", subResources) : "");

        return method + "\n" + Get("content-md5") + "\n" + Get("content-type") + "\n" + date + "\n" + ossHeaders + resource;
    }
}
