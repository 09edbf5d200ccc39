using System.Collections.Generic;
using System.Globalization;
using CrcBuildTools.EmbeddedResources;
using Microsoft.CodeAnalysis.Text;

namespace CrcBuildTools.Generator;

/// <summary>Turns the hand-over text written by the MSBuild task into resource entries and diagnostics.</summary>
internal static class ChecksumInputParser
{
    public static ChecksumInput Parse(string path, SourceText? text)
    {
        var resources = new List<ResourceEntry>();
        var diagnostics = new List<DiagnosticInfo>();
        var seen = new HashSet<string>(System.StringComparer.Ordinal);
        bool sawHeader = false;

        IEnumerable<TextLine> lines = text is null ? System.Array.Empty<TextLine>() : text.Lines;
        foreach (var line in lines)
        {
            string content = line.ToString();
            if (!sawHeader)
            {
                if (content.Length == 0)
                {
                    continue;
                }

                if (content != EmbeddedResourceChecksumText.Header)
                {
                    diagnostics.Add(DiagnosticInfo.AtLine(EmbeddedIntegrityDiagnostics.UnsupportedFormat.Id, path, line, Shorten(content), EmbeddedResourceChecksumText.Header));
                    break;
                }

                sawHeader = true;
                continue;
            }

            if (content.Length == 0 || content[0] == '#')
            {
                continue;
            }

            string? error = EmbeddedResourceChecksumText.TryParseLine(content, out var name, out var length, out var crc);
            if (error is not null)
            {
                diagnostics.Add(DiagnosticInfo.AtLine(EmbeddedIntegrityDiagnostics.MalformedLine.Id, path, line, (line.LineNumber + 1).ToString(CultureInfo.InvariantCulture), error));
                continue;
            }

            if (ResourceNameRule.Problem(name) is string problem)
            {
                diagnostics.Add(DiagnosticInfo.AtLine(EmbeddedIntegrityDiagnostics.NameCompilerWouldChange.Id, path, line, EmbeddedResourceChecksumText.Escape(name), problem));
                continue;
            }

            if (!seen.Add(name))
            {
                diagnostics.Add(DiagnosticInfo.AtLine(EmbeddedIntegrityDiagnostics.DuplicateResource.Id, path, line, name));
                continue;
            }

            resources.Add(new ResourceEntry(name, length, crc));
        }

        if (!sawHeader && diagnostics.Count == 0)
        {
            diagnostics.Add(new DiagnosticInfo(EmbeddedIntegrityDiagnostics.UnsupportedFormat.Id, path, default, default, new[] { "(empty file)", EmbeddedResourceChecksumText.Header }.ToEquatableArray()));
        }

        // Ordinal order makes the output independent of item order in the project file.
        resources.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        return new ChecksumInput(path, resources.ToEquatableArray(), diagnostics.ToEquatableArray());
    }

    private static string Shorten(string value) => value.Length <= 80 ? value : value.Substring(0, 80) + "...";
}
