using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Text;

namespace CrcBuildTools.Emulator.Signatures;

/// <summary>
/// Recomputes a COS q-sign-algorithm=sha1 signature from the received request, the emulator's own way
/// (Uri.EscapeDataString, static HashData), independent of the client's signer.
/// </summary>
internal static class CosSignatureCheck
{
    public static SignatureFailure? Check(IncomingRequest request, EmulatorOptions options, DateTimeOffset now)
    {
        string? authorization = request.Header("authorization");
        if (authorization is null)
        {
            return new(403, "AccessDenied", "Missing Authorization header.");
        }

        Dictionary<string, string> fields = AuthorizationFields.Parse(authorization, '&');
        string Field(string name) => fields.TryGetValue(name, out string? value) ? value : "";

        if (Field("q-sign-algorithm") != "sha1")
        {
            return new(403, "AccessDenied", "q-sign-algorithm must be sha1.");
        }

        if (Field("q-ak") != options.AccessKeyId)
        {
            return new(403, "InvalidAccessKeyId", "The SecretId is not known to this emulator.");
        }

        string keyTime = Field("q-key-time");
        string[] times = keyTime.Split(';');
        if (times.Length != 2 || !long.TryParse(times[0], out long start) || !long.TryParse(times[1], out long end))
        {
            return new(403, "AccessDenied", "q-key-time is malformed.");
        }

        long nowSeconds = now.ToUnixTimeSeconds();
        if (nowSeconds < start || nowSeconds > end)
        {
            return new(403, "RequestTimeTooSkewed", "The request time is outside q-key-time.");
        }

        string[] headerNames = SplitList(Field("q-header-list"));
        string[] paramNames = SplitList(Field("q-url-param-list"));

        // Refuse what the service would let through but our client must never do: an unsigned host, an unsigned
        // x-cos-* header (a swapped security token), or a query parameter outside the signature.
        if (!headerNames.Contains("host") ||
            request.Headers.Keys.Any(h => h.StartsWith("x-cos-", StringComparison.Ordinal) && !headerNames.Contains(h)) ||
            request.Query.Any(q => !paramNames.Contains(q.Key.ToLowerInvariant())))
        {
            return new(403, "AccessDenied", "host, every x-cos-* header and every query parameter must be signed.");
        }

        if (options.SessionToken is not null && request.Header("x-cos-security-token") != options.SessionToken)
        {
            return new(403, "InvalidSecurityToken", "x-cos-security-token is missing or wrong.");
        }

        var headers = new List<(string, string)>();
        foreach (string name in headerNames)
        {
            string? value = request.Header(name);
            if (value is null)
            {
                return new(403, "AccessDenied", $"Signed header '{name}' was not sent.");
            }

            headers.Add((name, value));
        }

        var parameters = paramNames.Select(name =>
            (name, request.Query.Where(q => q.Key.ToLowerInvariant() == name).Select(q => q.Value ?? "").FirstOrDefault() ?? "")).ToList();

        string expected = ComputeSignature(options.Secret, request.Method, "/" + request.Key, parameters, headers, keyTime);
        return expected == Field("q-signature")
            ? null
            : new(403, "SignatureDoesNotMatch", "The request signature we calculated does not match the signature you provided.");
    }

    /// <summary>The signature per the COS signing page; public so tests can run it on the published vectors.</summary>
    public static string ComputeSignature(
        string secretKey, string method, string decodedPath, IEnumerable<(string Name, string Value)> parameters,
        IEnumerable<(string Name, string Value)> headers, string keyTime)
    {
        static string Join(IEnumerable<(string Name, string Value)> pairs) => string.Join("&", pairs
            .Select(p => (Name: Uri.EscapeDataString(p.Name.ToLowerInvariant()), Value: Uri.EscapeDataString(p.Value.Trim())))
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .Select(p => p.Name + "=" + p.Value));

        string signKey = Convert.ToHexStringLower(HMACSHA1.HashData(Encoding.UTF8.GetBytes(secretKey), Encoding.UTF8.GetBytes(keyTime)));
        string httpString = $"{method.ToLowerInvariant()}\n{decodedPath}\n{Join(parameters)}\n{Join(headers)}\n";
        string stringToSign = $"sha1\n{keyTime}\n{Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(httpString)))}\n";
        return Convert.ToHexStringLower(HMACSHA1.HashData(Encoding.UTF8.GetBytes(signKey), Encoding.UTF8.GetBytes(stringToSign)));
    }

    private static string[] SplitList(string list) =>
        list.Length == 0 ? Array.Empty<string>() : list.Split(';').Select(Uri.UnescapeDataString).ToArray();
}
