using System;
using System.Collections.Generic;

namespace CrcBuildTools.Emulator.Signatures;

/// <summary>
/// <c>name=value</c> fields of an Authorization header (COS joins them with <c>&amp;</c>, OSS V4 with <c>,</c>). A
/// repeated field keeps its last value instead of throwing: a malformed header is a refused signature, not a crash.
/// </summary>
internal static class AuthorizationFields
{
    public static Dictionary<string, string> Parse(string text, char separator)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string part in text.Split(separator))
        {
            string[] pair = part.Trim().Split('=', 2);
            fields[pair[0]] = pair.Length > 1 ? pair[1] : "";
        }

        return fields;
    }
}
