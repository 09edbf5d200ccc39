using System.Globalization;
using System.Text;

namespace CrcBuildTools.Manifests;

/// <summary>
/// Names as they may safely appear in a message: file names come from disk and from manifests, and a name with a
/// newline could forge a message line, one with an escape character could rewrite the terminal, and one with a
/// bidirectional override could show text in another order than it is. Such characters are shown as <c>\uXXXX</c>.
/// </summary>
public static class DisplayText
{
    /// <summary>Whether <paramref name="c"/> is shown escaped: C0 and C1 controls, DEL, line and paragraph separators, bidirectional controls.</summary>
    /// <param name="c">A UTF-16 code unit.</param>
    /// <returns><see langword="true"/> when it must not be printed as is.</returns>
    public static bool IsUnsafe(char c) =>
        c < ' ' || (c >= '\u007F' && c <= '\u009F') || c is '\u2028' or '\u2029' or '\u200E' or '\u200F' or '\u061C'
        || (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069')
        || char.IsSurrogate(c);

    /// <summary>The text with every unsafe character (and every unpaired surrogate) written as <c>\uXXXX</c>.</summary>
    /// <param name="text">A name from disk or from a manifest.</param>
    /// <returns>Text that prints on one line exactly as it reads.</returns>
    public static string Of(string text)
    {
        if (text is null)
        {
            return string.Empty;
        }

        int i = 0;
        while (i < text.Length && !NeedsEscape(text, i))
        {
            i += char.IsHighSurrogate(text[i]) ? 2 : 1;
        }

        if (i >= text.Length)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length + 16);
        builder.Append(text, 0, i);
        while (i < text.Length)
        {
            if (NeedsEscape(text, i))
            {
                builder.Append("\\u").Append(((int)text[i]).ToString("x4", CultureInfo.InvariantCulture));
                i++;
            }
            else if (char.IsHighSurrogate(text[i]))
            {
                builder.Append(text, i, 2);
                i += 2;
            }
            else
            {
                builder.Append(text[i]);
                i++;
            }
        }

        return builder.ToString();
    }

    /// <summary>
    /// As <see cref="Of"/> for text of several lines (a summary, a report): each line is escaped, the <c>\n</c> between
    /// them is kept.
    /// </summary>
    /// <param name="text">Lines separated by <c>\n</c>.</param>
    /// <returns>The same lines, each printable exactly as it reads.</returns>
    public static string OfLines(string text)
    {
        if (text is null)
        {
            return string.Empty;
        }

        if (text.IndexOf('\n') < 0)
        {
            return Of(text);
        }

        string[] lines = text.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            lines[i] = Of(lines[i]);
        }

        return string.Join("\n", lines);
    }

    // A well-formed surrogate pair (an emoji) is printable; a lone half of one is not.
    private static bool NeedsEscape(string text, int i)
    {
        char c = text[i];
        if (char.IsHighSurrogate(c))
        {
            return i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1]);
        }

        return IsUnsafe(c);
    }
}
