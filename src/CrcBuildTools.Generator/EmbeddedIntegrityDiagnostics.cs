using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace CrcBuildTools.Generator;

/// <summary>The CRC20xx diagnostics of the EmbeddedIntegrity generator. Listed in docs/embedded-integrity.md.</summary>
internal static class EmbeddedIntegrityDiagnostics
{
    private const string Category = "CrcBuildTools.EmbeddedIntegrity";
    // The same link the package's ErrorCodeRegistry gives every code (an analyzer cannot reference it): the page's
    // "Error codes" table, the one anchor that exists in the rendered docs.
    private const string HelpLink = "https://github.com/crcbuildtools/crcbuildtools/blob/main/docs/embedded-integrity.md#error-codes";

    public static readonly DiagnosticDescriptor NoChecksumInput = Create(
        "CRC2001",
        "EmbeddedIntegrity was not generated: no embedded resource checksums were handed to the compiler",
        "EmbeddedIntegrity was not generated because the build handed no embedded resource checksums to the compiler. Build with the CrcBuildTools package's MSBuild logic (a PackageReference to CrcBuildTools imports it), or set Crc64EmbeddedIntegrity=false to turn the generator off.",
        DiagnosticSeverity.Warning,
        "The generator only turns text computed by the ComputeEmbeddedResourceChecksums MSBuild task into code. That text is missing, usually because the analyzer was referenced without the package's build targets, or a custom build skipped the target Crc64EmbeddedResourceChecksums.");

    public static readonly DiagnosticDescriptor MalformedLine = Create(
        "CRC2002",
        "Malformed embedded resource checksum line",
        "Line {0} of the embedded resource checksum file is malformed: {1}. Delete the obj folder and rebuild; if it persists, report a bug.",
        DiagnosticSeverity.Error,
        "Each line must read '<crc64 decimal><TAB><length><TAB><escaped resource name>'. The file is written by the build; a malformed line means it was edited or truncated.");

    public static readonly DiagnosticDescriptor DuplicateResource = Create(
        "CRC2003",
        "Embedded resource listed twice",
        "The embedded resource '{0}' is listed more than once in the checksum file. Delete the obj folder and rebuild; if it persists, give the resources distinct LogicalName values.",
        DiagnosticSeverity.Error,
        "Manifest resource names are unique within an assembly, so each may be recorded only once.");

    public static readonly DiagnosticDescriptor MultipleInputs = Create(
        "CRC2004",
        "More than one embedded resource checksum file",
        "{0} embedded resource checksum files were handed to the compiler; exactly one is expected. Remove AdditionalFiles items that carry Crc64EmbeddedResourceChecksums metadata other than the one the CrcBuildTools targets add.",
        DiagnosticSeverity.Error,
        "The CrcBuildTools targets hand over one file per compilation. Several files would make the recorded set ambiguous.");

    public static readonly DiagnosticDescriptor UnsupportedFormat = Create(
        "CRC2005",
        "Unsupported embedded resource checksum file format",
        "The embedded resource checksum file starts with '{0}' instead of '{1}'. The build logic and the generator come from different CrcBuildTools versions: restore so that both come from one package version, then rebuild.",
        DiagnosticSeverity.Error,
        "The first line names the format version that the MSBuild task wrote.");

    public static readonly DiagnosticDescriptor InvalidNamespace = Create(
        "CRC2006",
        "Invalid EmbeddedIntegrityNamespace",
        "EmbeddedIntegrityNamespace '{0}' is not a valid C# namespace. Use dotted identifiers such as 'MyApp.Integrity', or leave it empty for the global namespace.",
        DiagnosticSeverity.Error,
        "The generated EmbeddedIntegrity class is placed in this namespace.");

    public static readonly DiagnosticDescriptor NameCompilerWouldChange = Create(
        "CRC2007",
        "Recorded resource name the compiler would change",
        "The embedded resource name '{0}' {1}",
        DiagnosticSeverity.Error,
        "The build logic refuses such names (CRC2104) before they reach the compiler; a name like this in the checksum file means the file was edited or comes from another tool.");

    public static readonly DiagnosticDescriptor ConstantsOmitted = Create(
        "CRC2008",
        "Per-resource constants omitted for a large resource set",
        "The assembly embeds {0} resources, more than {1}, so EmbeddedIntegrity has no per-resource constants (Crc64.X, Length.X, Name.X), which would slow every build; Verify(), TryVerify(), Verify(name) and Resources cover every resource. Set EmbeddedIntegrityConstants=true to generate them anyway, or false to silence this.",
        DiagnosticSeverity.Info,
        "Thousands of generated constants cost the compiler seconds; the resources are recorded in one compact table instead.");

    public static readonly DiagnosticDescriptor InvalidConstantsSetting = Create(
        "CRC2009",
        "Invalid EmbeddedIntegrityConstants",
        "EmbeddedIntegrityConstants is '{0}'. Use auto (the default: constants for up to 256 resources), true or false.",
        DiagnosticSeverity.Error,
        "The property decides whether EmbeddedIntegrity gets a compile-time constant per resource.");

    private static readonly Dictionary<string, DiagnosticDescriptor> ById = new()
    {
        [NoChecksumInput.Id] = NoChecksumInput,
        [MalformedLine.Id] = MalformedLine,
        [DuplicateResource.Id] = DuplicateResource,
        [MultipleInputs.Id] = MultipleInputs,
        [UnsupportedFormat.Id] = UnsupportedFormat,
        [InvalidNamespace.Id] = InvalidNamespace,
        [NameCompilerWouldChange.Id] = NameCompilerWouldChange,
        [ConstantsOmitted.Id] = ConstantsOmitted,
        [InvalidConstantsSetting.Id] = InvalidConstantsSetting,
    };

    public static DiagnosticDescriptor Get(string id) => ById[id];

    private static DiagnosticDescriptor Create(string id, string title, string message, DiagnosticSeverity severity, string description) =>
        new(id, title, message, Category, severity, isEnabledByDefault: true, description: description, helpLinkUri: HelpLink);
}
