using System.Globalization;

namespace CrcBuildTools.Emulator;

/// <summary>What a Range header asks of an object of a given length, under the provider's rules.</summary>
internal readonly record struct ByteRange(ByteRangeOutcome Outcome, long First = 0, long Last = -1)
{
    public long Length => Last - First + 1;

    /// <summary>
    /// RFC 9110 single ranges (<c>bytes=a-b</c>, <c>bytes=a-</c>, <c>bytes=-n</c>), then the services' rules for
    /// the rest. COS: an end past the object is clamped, a start past it is 416, a malformed or multi-range header
    /// is ignored. OSS by default: anything not inside the object (an end past it, a suffix longer than it, a start
    /// past it) or malformed is ignored and the whole object comes back with 200; with
    /// <c>x-oss-range-behavior: standard</c> it behaves like COS, and a malformed or multi-range header is 416.
    /// </summary>
    public static ByteRange Resolve(string? header, long objectLength, EmulatedProvider provider, bool ossStandard)
    {
        if (header is null)
        {
            return new(ByteRangeOutcome.Whole);
        }

        bool oss = provider == EmulatedProvider.Oss;
        bool lenient = oss && !ossStandard;
        if (!TryParse(header, out long? first, out long? last))
        {
            return new(oss && ossStandard ? ByteRangeOutcome.Unsatisfiable : ByteRangeOutcome.Whole);
        }

        if (first is null)
        {
            // Suffix range: the last n bytes.
            long n = last!.Value;
            if (n == 0 || objectLength == 0)
            {
                return new(lenient ? ByteRangeOutcome.Whole : ByteRangeOutcome.Unsatisfiable);
            }

            if (n > objectLength && lenient)
            {
                return new(ByteRangeOutcome.Whole);
            }

            return new(ByteRangeOutcome.Partial, objectLength - System.Math.Min(n, objectLength), objectLength - 1);
        }

        if (first.Value >= objectLength)
        {
            return new(lenient ? ByteRangeOutcome.Whole : ByteRangeOutcome.Unsatisfiable);
        }

        long end = last ?? objectLength - 1;
        if (end >= objectLength)
        {
            if (lenient)
            {
                return new(ByteRangeOutcome.Whole);
            }

            end = objectLength - 1;
        }

        return new(ByteRangeOutcome.Partial, first.Value, end);
    }

    private static bool TryParse(string header, out long? first, out long? last)
    {
        first = null;
        last = null;
        string value = header.Trim();
        if (!value.StartsWith("bytes=", System.StringComparison.OrdinalIgnoreCase) || value.Contains(','))
        {
            return false;
        }

        string spec = value.Substring("bytes=".Length).Trim();
        int dash = spec.IndexOf('-');
        if (dash < 0)
        {
            return false;
        }

        string a = spec.Substring(0, dash).Trim();
        string b = spec.Substring(dash + 1).Trim();
        if (a.Length == 0 && b.Length == 0)
        {
            return false;
        }

        if (a.Length > 0)
        {
            if (!long.TryParse(a, NumberStyles.None, CultureInfo.InvariantCulture, out long start))
            {
                return false;
            }

            first = start;
        }

        if (b.Length > 0)
        {
            if (!long.TryParse(b, NumberStyles.None, CultureInfo.InvariantCulture, out long end) || (first is not null && end < first))
            {
                return false;
            }

            last = end;
        }

        return true;
    }
}

/// <summary>The three ways a ranged GET can be answered.</summary>
internal enum ByteRangeOutcome
{
    /// <summary>200 with the whole object (no Range, or one the provider ignores).</summary>
    Whole,

    /// <summary>206 with Content-Range.</summary>
    Partial,

    /// <summary>416 InvalidRange.</summary>
    Unsatisfiable,
}
