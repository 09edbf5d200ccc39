using System.Linq;
using Xunit;

namespace CrcBuildTools.Emulator.Tests;

/// <summary>Paging with a delimiter: a common prefix counts once, is never repeated on a later page, and ends a page like a key.</summary>
public sealed class ListingPageTests
{
    private static readonly string[] Keys = { "a.txt", "b/1", "b/2", "b/3", "c.txt", "d/1", "e.txt" };

    [Fact]
    public void Pages_of_two_with_a_delimiter_visit_every_entry_once()
    {
        var seen = new System.Collections.Generic.List<string>();
        string? marker = null;
        for (int pages = 0; pages < 10; pages++)
        {
            string? current = marker;
            ListingPage<string> page = ListingPage.Compute(Keys, k => k, "", "/", k => current is not null && string.CompareOrdinal(k, current) <= 0, current, 2);
            seen.AddRange(page.Items.Concat(page.CommonPrefixes).OrderBy(s => s, System.StringComparer.Ordinal));
            marker = page.NextMarker(k => k);
            if (!page.IsTruncated)
            {
                break;
            }
        }

        Assert.Equal(new[] { "a.txt", "b/", "c.txt", "d/", "e.txt" }, seen);
    }

    [Fact]
    public void A_page_that_ends_on_a_common_prefix_resumes_after_all_of_its_keys()
    {
        ListingPage<string> first = ListingPage.Compute(Keys, k => k, "", "/", _ => false, null, 2);
        Assert.Equal(new[] { "a.txt" }, first.Items);
        Assert.Equal(new[] { "b/" }, first.CommonPrefixes);
        Assert.Equal("b/", first.NextMarker(k => k));

        ListingPage<string> second = ListingPage.Compute(Keys, k => k, "", "/", k => string.CompareOrdinal(k, "b/") <= 0, "b/", 2);
        Assert.Equal(new[] { "c.txt" }, second.Items);
        Assert.Equal(new[] { "d/" }, second.CommonPrefixes);
    }

    [Fact]
    public void A_prefix_filters_and_the_delimiter_applies_after_it()
    {
        ListingPage<string> page = ListingPage.Compute(Keys, k => k, "b/", "/", _ => false, null, 1000);
        Assert.Equal(new[] { "b/1", "b/2", "b/3" }, page.Items);
        Assert.Empty(page.CommonPrefixes);
        Assert.False(page.IsTruncated);
        Assert.Null(page.NextMarker(k => k));
    }
}
