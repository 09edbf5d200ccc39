using System.Text;

namespace CrcBuildTools.Cli;

/// <summary>
/// Object keys and file names come from a bucket someone else may control: a newline or an escape sequence in one
/// must not forge a line or drive the terminal. Control characters are shown as <c>\xNN</c>.
/// </summary>
internal static class OutputText
{
    public static string Printable(string text)
    {
        StringBuilder? escaped = null;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (char.IsControl(c) && c != '\n')
            {
                escaped ??= new StringBuilder(text, 0, i, text.Length + 16);
                escaped.Append("\\x").Append(((int)c).ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                escaped?.Append(c);
            }
        }

        return escaped?.ToString() ?? text;
    }
}
