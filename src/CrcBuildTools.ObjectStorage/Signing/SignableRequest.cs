using System;
using System.Collections.Generic;
using System.Linq;

namespace CrcBuildTools.ObjectStorage.Signing;

/// <summary>
/// A request as the signers see it, before it becomes an <c>HttpRequestMessage</c>: method, raw (unencoded)
/// object key, query parameters (value null for a bare key such as <c>uploads</c>) and the headers that will be sent.
/// Keeping it plain lets the signers be checked against the published vectors without any HTTP stack.
/// </summary>
internal sealed class SignableRequest
{
    public SignableRequest(string method, string objectKey)
    {
        Method = method;
        ObjectKey = objectKey;
    }

    public string Method { get; }

    /// <summary>The object key exactly as stored, e.g. <c>dir/a b+c.txt</c>.</summary>
    public string ObjectKey { get; }

    public List<KeyValuePair<string, string?>> Query { get; } = new();

    public List<KeyValuePair<string, string>> Headers { get; } = new();

    public SignableRequest AddQuery(string name, string? value = null)
    {
        Query.Add(new(name, value));
        return this;
    }

    public SignableRequest SetHeader(string name, string value)
    {
        Headers.RemoveAll(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase));
        Headers.Add(new(name, value));
        return this;
    }

    public string? GetHeader(string name) =>
        Headers.Where(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value).FirstOrDefault();

    /// <summary>The path and query as sent on the wire: each key segment percent-encoded, parameters encoded.</summary>
    public string EncodedPathAndQuery()
    {
        string path = "/" + PercentEncoding.EncodePath(ObjectKey);
        if (Query.Count == 0)
        {
            return path;
        }

        return path + "?" + string.Join("&", Query.Select(q =>
            q.Value is null ? PercentEncoding.Encode(q.Key) : PercentEncoding.Encode(q.Key) + "=" + PercentEncoding.Encode(q.Value)));
    }
}
