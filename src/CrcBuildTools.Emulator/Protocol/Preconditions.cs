using System;
using System.Globalization;
using System.Linq;

namespace CrcBuildTools.Emulator;

/// <summary>If-Match, If-None-Match, If-Modified-Since and If-Unmodified-Since on HEAD and GET, in RFC 9110's order.</summary>
internal static class Preconditions
{
    public static PreconditionOutcome Evaluate(IncomingRequest request, StoredObject stored)
    {
        string? ifMatch = request.Header("if-match");
        string? ifNoneMatch = request.Header("if-none-match");
        if (ifMatch is not null)
        {
            if (!Matches(ifMatch, stored.ETag))
            {
                return PreconditionOutcome.Failed;
            }
        }
        else if (TryDate(request.Header("if-unmodified-since"), out DateTimeOffset unmodifiedSince) && stored.LastModified > unmodifiedSince)
        {
            return PreconditionOutcome.Failed;
        }

        if (ifNoneMatch is not null)
        {
            if (Matches(ifNoneMatch, stored.ETag))
            {
                return PreconditionOutcome.NotModified;
            }
        }
        else if (TryDate(request.Header("if-modified-since"), out DateTimeOffset modifiedSince) && stored.LastModified <= modifiedSince)
        {
            return PreconditionOutcome.NotModified;
        }

        return PreconditionOutcome.Proceed;
    }

    /// <summary>A comma-separated list of entity tags, or <c>*</c>; compared strongly, quotes optional (the services accept both).</summary>
    private static bool Matches(string list, string etag)
    {
        string bare = etag.Trim('"');
        return list.Split(',').Select(t => t.Trim()).Any(t => t == "*" || t.Trim('"') == bare);
    }

    private static bool TryDate(string? value, out DateTimeOffset date) =>
        DateTimeOffset.TryParseExact(value, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out date);
}

/// <summary>What the preconditions decide.</summary>
internal enum PreconditionOutcome
{
    /// <summary>Answer normally.</summary>
    Proceed,

    /// <summary>304 Not Modified.</summary>
    NotModified,

    /// <summary>412 PreconditionFailed.</summary>
    Failed,
}
