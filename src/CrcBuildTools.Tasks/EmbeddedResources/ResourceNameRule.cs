namespace CrcBuildTools.EmbeddedResources;

/// <summary>
/// Which resource names reach the compiler unchanged. Tried with csc and MSBuild (SDK 10): control characters are
/// dropped from a <c>/resource:</c> name (a tab or an escape character vanishes; a newline breaks the compiler's
/// command line), and '\' becomes '/' on Linux and macOS and turns into an escape before a quote. The assembly would
/// then embed another name than the one recorded, and <c>Verify()</c> would fail on every run. A '"' survives alone,
/// but with a comma after it csc splits the name (CS1906), so quotes are refused too. Everything else was seen to
/// round-trip exactly: commas, semicolons, leading and trailing spaces, DEL, C1 controls, U+0085, U+2028, U+2029,
/// zero-width and bidirectional characters, and emoji.
/// </summary>
internal static class ResourceNameRule
{
    /// <summary>The end of a sentence saying why the compiler would change the name, or <see langword="null"/> when it keeps it.</summary>
    public static string? Problem(string name)
    {
        foreach (char c in name)
        {
            if (c < ' ')
            {
                return $"contains the control character U+{(int)c:X4}, which MSBuild drops (or, for a line break, cannot pass at all) on the way to the compiler, so the assembly would embed a different name and EmbeddedIntegrity.Verify() could never find it. Give the item a LogicalName without control characters.";
            }

            if (c == '\\')
            {
                return "contains '\\', which MSBuild turns into '/' on Linux and macOS (and into an escape before a quote) when it hands the name to the compiler, so the embedded name would depend on the system that builds and would not be the one recorded. Use '/' or '.' in the LogicalName instead.";
            }

            if (c == '"')
            {
                return "contains '\"', which the compiler's command line cannot carry reliably (followed by a comma, csc splits the name there), so the embedded name would not be the one recorded. Leave quotes out of the LogicalName.";
            }
        }

        return null;
    }
}
