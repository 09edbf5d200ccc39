using System;
using System.Collections.Generic;
using CrcBuildTools.Hashing;

namespace CrcBuildTools.ObjectStorage.Http;

/// <summary>An answer with its body already read, so the connection can be released at once.</summary>
internal sealed class StorageResponse
{
    public StorageResponse(int status, Dictionary<string, string> headers, byte[] body, string? requestId)
    {
        Status = status;
        Headers = headers;
        Body = body;
        RequestId = requestId;
    }

    public int Status { get; }

    /// <summary>First value of each response and content header, names case-insensitive.</summary>
    public Dictionary<string, string> Headers { get; }

    public byte[] Body { get; }

    public string? RequestId { get; }

    public bool IsSuccess => Status is >= 200 and <= 299;

    public string? Header(string name) => Headers.TryGetValue(name, out string? value) ? value : null;

    /// <summary>The CRC header, null when absent.</summary>
    /// <exception cref="FormatException">The header is present but not a CRC-64 value.</exception>
    public ulong? Crc64(string headerName)
    {
        string? text = Header(headerName);
        return text is null ? null : Crc64XzFormat.Parse(text);
    }
}
