using System.Collections.Generic;
using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis.CSharp;

namespace CrcBuildTools.Generator;

/// <summary>
/// Derives a valid, unique C# identifier from each manifest resource name: characters that cannot appear in an
/// identifier become '_', a leading digit gets a '_' prefix, keywords get '@', and a collision gets a numeric
/// suffix. Names are processed in ordinal order, so the result depends only on the set of names.
/// </summary>
internal static class ResourceIdentifiers
{
    // Long names stay readable and far below the compiler's limit on metadata names.
    private const int MaxLength = 128;

    public static IReadOnlyList<string> Assign(IReadOnlyList<string> orderedNames, IEnumerable<string> reserved)
    {
        var taken = new HashSet<string>(reserved, System.StringComparer.Ordinal);
        var result = new List<string>(orderedNames.Count);
        foreach (var name in orderedNames)
        {
            string baseIdentifier = Sanitize(name);
            string candidate = baseIdentifier;
            for (int suffix = 2; taken.Contains(Unescaped(candidate)); suffix++)
            {
                candidate = Unescaped(baseIdentifier) + "_" + suffix.ToString(CultureInfo.InvariantCulture);
            }

            taken.Add(Unescaped(candidate));
            result.Add(candidate);
        }

        return result;
    }

    /// <summary>Maps a resource name to an identifier that is valid but not yet checked for uniqueness.</summary>
    internal static string Sanitize(string name)
    {
        var builder = new StringBuilder(name.Length + 1);
        foreach (char c in name)
        {
            // Formatting characters are legal in identifiers but ignored when the compiler compares them,
            // so keeping them could make two different-looking identifiers collide.
            bool keep = SyntaxFacts.IsIdentifierPartCharacter(c) && CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.Format;
            builder.Append(keep ? c : '_');
            if (builder.Length == MaxLength)
            {
                break;
            }
        }

        if (builder.Length == 0 || !SyntaxFacts.IsIdentifierStartCharacter(builder[0]))
        {
            builder.Insert(0, '_');
        }

        string identifier = builder.ToString();
        if (identifier == "_")
        {
            // A lone underscore reads as a discard; two are an ordinary identifier.
            return "__";
        }

        bool isKeyword = SyntaxFacts.GetKeywordKind(identifier) != SyntaxKind.None
            || SyntaxFacts.GetContextualKeywordKind(identifier) != SyntaxKind.None;
        return isKeyword ? "@" + identifier : identifier;
    }

    private static string Unescaped(string identifier) => identifier.Length > 0 && identifier[0] == '@' ? identifier.Substring(1) : identifier;
}
