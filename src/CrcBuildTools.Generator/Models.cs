using Microsoft.CodeAnalysis.Text;

namespace CrcBuildTools.Generator;

/// <summary>Whether the project asked for EmbeddedIntegrity (<c>Crc64EmbeddedIntegrity</c>).</summary>
internal enum IntegritySwitch
{
    /// <summary>The property is not visible to the compiler: the CrcBuildTools build logic was not imported.</summary>
    Unset,
    Enabled,
    Disabled,
}

/// <summary>Whether per-resource constants are generated (<c>EmbeddedIntegrityConstants</c>).</summary>
internal enum ConstantsMode
{
    /// <summary>Up to <see cref="EmbeddedIntegritySourceWriter.AutoConstantsLimit"/> resources: constants; more: the table only.</summary>
    Auto,
    Always,
    Never,

    /// <summary>A value other than auto, true or false (CRC2009).</summary>
    Invalid,
}

/// <summary>Build properties and language facts the generated code depends on. Value-equatable.</summary>
internal sealed record GeneratorSettings(IntegritySwitch Switch, string Namespace, bool SupportsNullable, ConstantsMode Constants = ConstantsMode.Auto, string ConstantsText = "");

/// <summary>One embedded resource as recorded by the build.</summary>
internal sealed record ResourceEntry(string Name, long Length, ulong Crc64);

/// <summary>A diagnostic to report later, kept free of symbols and locations so the model stays cacheable.</summary>
internal sealed record DiagnosticInfo(string Id, string? FilePath, TextSpan Span, LinePositionSpan LineSpan, EquatableArray<string> Arguments)
{
    public static DiagnosticInfo Create(string id, params string[] arguments) =>
        new(id, null, default, default, arguments.ToEquatableArray());

    public static DiagnosticInfo AtLine(string id, string filePath, TextLine line, params string[] arguments) =>
        new(id, filePath, line.Span, new LinePositionSpan(new LinePosition(line.LineNumber, 0), new LinePosition(line.LineNumber, line.Span.Length)), arguments.ToEquatableArray());
}

/// <summary>One parsed hand-over file: the resources it lists and whatever was wrong with it.</summary>
internal sealed record ChecksumInput(string Path, EquatableArray<ResourceEntry> Resources, EquatableArray<DiagnosticInfo> Diagnostics);

/// <summary>Everything the source output needs: settings plus every hand-over file seen.</summary>
internal sealed record GenerationModel(GeneratorSettings Settings, EquatableArray<ChecksumInput> Inputs);
