using System;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace CrcBuildTools.Generator;

/// <summary>
/// Emits <c>EmbeddedIntegrity</c>: compile-time CRC-64/XZ constants for the project's embedded resources and the
/// <c>Verify</c> methods that check them at run time. The checksums come as text from the MSBuild task
/// <c>ComputeEmbeddedResourceChecksums</c>; this generator never reads a file itself.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class EmbeddedIntegrityGenerator : IIncrementalGenerator
{
    /// <summary>AdditionalFiles metadata that marks the hand-over file (made visible through CompilerVisibleItemMetadata).</summary>
    internal const string ChecksumFileMetadata = "build_metadata.AdditionalFiles.Crc64EmbeddedResourceChecksums";

    internal const string SwitchProperty = "build_property.Crc64EmbeddedIntegrity";
    internal const string NamespaceProperty = "build_property.EmbeddedIntegrityNamespace";
    internal const string ConstantsProperty = "build_property.EmbeddedIntegrityConstants";

    private static readonly string GeneratorVersion =
        typeof(EmbeddedIntegrityGenerator).Assembly.GetName().Version?.ToString() ?? "0.0.0.0";

    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var settings = context.AnalyzerConfigOptionsProvider
            .Combine(context.ParseOptionsProvider)
            .Select(static (pair, _) => ReadSettings(pair.Left.GlobalOptions, pair.Right))
            .WithTrackingName(TrackingNames.Settings);

        var inputs = context.AdditionalTextsProvider
            .Combine(context.AnalyzerConfigOptionsProvider)
            .Where(static pair => IsChecksumFile(pair.Right.GetOptions(pair.Left)))
            .Select(static (pair, _) => pair.Left)
            .WithTrackingName(TrackingNames.ChecksumFiles)
            .Select(static (file, cancellationToken) => ChecksumInputParser.Parse(file.Path, file.GetText(cancellationToken)))
            .WithTrackingName(TrackingNames.ParsedChecksumFiles);

        var model = inputs.Collect()
            .Combine(settings)
            .Select(static (pair, _) => new GenerationModel(pair.Right, pair.Left.OrderBy(i => i.Path, StringComparer.Ordinal).ToEquatableArray()))
            .WithTrackingName(TrackingNames.Model);

        context.RegisterSourceOutput(model, static (output, model) => Emit(output, model));
    }

    internal static GeneratorSettings ReadSettings(AnalyzerConfigOptions options, ParseOptions parseOptions)
    {
        var integritySwitch = IntegritySwitch.Unset;
        if (options.TryGetValue(SwitchProperty, out var value))
        {
            integritySwitch = string.Equals(value.Trim(), "false", StringComparison.OrdinalIgnoreCase)
                ? IntegritySwitch.Disabled
                : IntegritySwitch.Enabled;
        }

        string ns = options.TryGetValue(NamespaceProperty, out var nsValue) ? nsValue.Trim() : string.Empty;
        bool supportsNullable = parseOptions is CSharpParseOptions csharp && csharp.LanguageVersion >= LanguageVersion.CSharp8;
        string constantsText = options.TryGetValue(ConstantsProperty, out var constantsValue) ? constantsValue.Trim() : string.Empty;
        ConstantsMode constants = constantsText.ToLowerInvariant() switch
        {
            "" or "auto" => ConstantsMode.Auto,
            "true" => ConstantsMode.Always,
            "false" => ConstantsMode.Never,
            _ => ConstantsMode.Invalid,
        };
        return new GeneratorSettings(integritySwitch, ns, supportsNullable, constants, constantsText);
    }

    private static bool IsChecksumFile(AnalyzerConfigOptions options) =>
        options.TryGetValue(ChecksumFileMetadata, out var value) && string.Equals(value.Trim(), "true", StringComparison.OrdinalIgnoreCase);

    private static void Emit(SourceProductionContext output, GenerationModel model)
    {
        var settings = model.Settings;
        if (settings.Switch == IntegritySwitch.Disabled)
        {
            return;
        }

        if (!IsValidNamespace(settings.Namespace))
        {
            Report(output, DiagnosticInfo.Create(EmbeddedIntegrityDiagnostics.InvalidNamespace.Id, settings.Namespace));
            return;
        }

        if (settings.Constants == ConstantsMode.Invalid)
        {
            Report(output, DiagnosticInfo.Create(EmbeddedIntegrityDiagnostics.InvalidConstantsSetting.Id, settings.ConstantsText));
            return;
        }

        if (model.Inputs.Length == 0)
        {
            Report(output, DiagnosticInfo.Create(EmbeddedIntegrityDiagnostics.NoChecksumInput.Id));
            return;
        }

        if (model.Inputs.Length > 1)
        {
            Report(output, DiagnosticInfo.Create(EmbeddedIntegrityDiagnostics.MultipleInputs.Id, model.Inputs.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            return;
        }

        var input = model.Inputs[0];
        foreach (var diagnostic in input.Diagnostics)
        {
            Report(output, diagnostic);
        }

        // A partial list would make Verify() pass while skipping resources, so nothing is generated after an error.
        if (input.Diagnostics.Length != 0)
        {
            return;
        }

        bool constants = EmbeddedIntegritySourceWriter.WritesConstants(settings.Constants, input.Resources.Length);
        if (!constants && settings.Constants == ConstantsMode.Auto)
        {
            Report(output, DiagnosticInfo.Create(
                EmbeddedIntegrityDiagnostics.ConstantsOmitted.Id,
                input.Resources.Length.ToString(System.Globalization.CultureInfo.InvariantCulture),
                EmbeddedIntegritySourceWriter.AutoConstantsLimit.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        string source = EmbeddedIntegritySourceWriter.Write(settings, input.Resources, GeneratorVersion, constants);
        output.AddSource(EmbeddedIntegritySourceWriter.HintName, SourceText.From(source, Encoding.UTF8));
    }

    internal static bool IsValidNamespace(string ns)
    {
        if (ns.Length == 0)
        {
            return true;
        }

        foreach (var part in ns.Split('.'))
        {
            string identifier = part.StartsWith("@", StringComparison.Ordinal) ? part.Substring(1) : part;
            bool isKeyword = SyntaxFacts.GetKeywordKind(identifier) != SyntaxKind.None;
            if (!SyntaxFacts.IsValidIdentifier(identifier) || (isKeyword && identifier == part))
            {
                return false;
            }
        }

        return true;
    }

    private static void Report(SourceProductionContext output, DiagnosticInfo info)
    {
        var location = info.FilePath is null ? Location.None : Location.Create(info.FilePath, info.Span, info.LineSpan);
        output.ReportDiagnostic(Diagnostic.Create(EmbeddedIntegrityDiagnostics.Get(info.Id), location, info.Arguments.Cast<object>().ToArray()));
    }
}
