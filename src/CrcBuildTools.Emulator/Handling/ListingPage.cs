using System;
using System.Collections.Generic;

namespace CrcBuildTools.Emulator;

/// <summary>
/// One page of a listing, as both services page: entries in ordinal key order under a prefix, keys sharing a part
/// up to the delimiter rolled up into one common prefix (which counts once against the page size), and where the
/// next page starts.
/// </summary>
internal sealed record ListingPage<T>(IReadOnlyList<T> Items, IReadOnlyList<string> CommonPrefixes, bool IsTruncated, T? LastItem, string? LastPrefix)
{
    /// <summary>The key (or common prefix) the page ended on: the next page's marker.</summary>
    public string? NextMarker(Func<T, string> key) => !IsTruncated ? null : LastPrefix ?? (LastItem is null ? null : key(LastItem));
}

internal static class ListingPage
{
    /// <param name="sorted">Everything, in the service's order.</param>
    /// <param name="key">An entry's key.</param>
    /// <param name="prefix">Only keys starting with this.</param>
    /// <param name="delimiter">Roll keys up at this, after the prefix; null or empty for none.</param>
    /// <param name="alreadyListed">Entries an earlier page returned (at or before the marker).</param>
    /// <param name="marker">The marker, so that a common prefix returned by an earlier page is not returned again.</param>
    /// <param name="max">The page size.</param>
    public static ListingPage<T> Compute<T>(
        IEnumerable<T> sorted, Func<T, string> key, string prefix, string? delimiter, Func<T, bool> alreadyListed, string? marker, int max)
        where T : class
    {
        var items = new List<T>();
        var prefixes = new List<string>();
        T? lastItem = null;
        string? lastPrefix = null;
        foreach (T item in sorted)
        {
            string k = key(item);
            if (!k.StartsWith(prefix, StringComparison.Ordinal) || alreadyListed(item))
            {
                continue;
            }

            string? common = null;
            if (!string.IsNullOrEmpty(delimiter))
            {
                int at = k.IndexOf(delimiter, prefix.Length, StringComparison.Ordinal);
                common = at < 0 ? null : k.Substring(0, at + delimiter.Length);
            }

            if (common is not null && ((marker is not null && string.CompareOrdinal(common, marker) <= 0) || (prefixes.Count > 0 && prefixes[^1] == common)))
            {
                continue;
            }

            if (items.Count + prefixes.Count >= max)
            {
                return new ListingPage<T>(items, prefixes, true, lastItem, lastPrefix);
            }

            if (common is not null)
            {
                prefixes.Add(common);
                lastPrefix = common;
                lastItem = null;
            }
            else
            {
                items.Add(item);
                lastItem = item;
                lastPrefix = null;
            }
        }

        return new ListingPage<T>(items, prefixes, false, lastItem, lastPrefix);
    }
}
