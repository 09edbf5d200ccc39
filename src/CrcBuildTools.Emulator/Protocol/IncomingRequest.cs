using System;
using System.Collections.Generic;
using System.Linq;

namespace CrcBuildTools.Emulator;

/// <summary>
/// A request as received, decoded from the raw target (not from ASP.NET's already-decoded Path, which keeps
/// %2F and differs in corner cases): the key, the query pairs, and the headers with lowercase names.
/// </summary>
internal sealed record IncomingRequest(
    string Method,
    string Key,
    IReadOnlyList<KeyValuePair<string, string?>> Query,
    IReadOnlyDictionary<string, string> Headers)
{
    public static IncomingRequest FromRawTarget(string method, string rawTarget, IEnumerable<KeyValuePair<string, string>> headers)
    {
        int question = rawTarget.IndexOf('?');
        string rawPath = question < 0 ? rawTarget : rawTarget.Substring(0, question);
        string rawQuery = question < 0 ? "" : rawTarget.Substring(question + 1);
        string key = Uri.UnescapeDataString(rawPath.TrimStart('/'));
        var query = rawQuery.Split('&', StringSplitOptions.RemoveEmptyEntries).Select(pair =>
        {
            int equals = pair.IndexOf('=');
            return equals < 0
                ? new KeyValuePair<string, string?>(Uri.UnescapeDataString(pair), null)
                : new KeyValuePair<string, string?>(Uri.UnescapeDataString(pair.Substring(0, equals)), Uri.UnescapeDataString(pair.Substring(equals + 1)));
        }).ToList();
        var headerMap = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (KeyValuePair<string, string> header in headers)
        {
            headerMap[header.Key.ToLowerInvariant()] = header.Value;
        }

        return new IncomingRequest(method.ToUpperInvariant(), key, query, headerMap);
    }

    public string? Header(string lowercaseName) => Headers.TryGetValue(lowercaseName, out string? value) ? value : null;

    public bool HasQuery(string name) => Query.Any(q => q.Key == name);

    public string? QueryValue(string name) => Query.Where(q => q.Key == name).Select(q => q.Value).FirstOrDefault();
}
