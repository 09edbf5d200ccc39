using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace CrcBuildTools.Generator.Tests.Support;

/// <summary>Runs the generator the way the compiler does, with in-memory additional files and build properties.</summary>
internal sealed class GeneratorHarness
{
    public const string ChecksumPath = "/obj/App.crc64resources.txt";

    public Dictionary<string, string> BuildProperties { get; } = new()
    {
        ["build_property.Crc64EmbeddedIntegrity"] = "true",
        ["build_property.EmbeddedIntegrityNamespace"] = string.Empty,
    };

    public List<(string Path, string Text, bool Marked)> AdditionalFiles { get; } = new();

    public LanguageVersion LanguageVersion { get; set; } = LanguageVersion.Latest;

    // Documentation comments are diagnosed, so a bad cref in generated docs shows up as a warning in tests.
    public CSharpParseOptions ParseOptions => new(LanguageVersion, DocumentationMode.Diagnose);

    public GeneratorHarness WithChecksums(string text)
    {
        AdditionalFiles.Add((ChecksumPath, text, true));
        return this;
    }

    /// <summary>The additional texts handed to the last driver created, for <c>ReplaceAdditionalText</c>.</summary>
    public IReadOnlyList<AdditionalText> CreatedTexts { get; private set; } = Array.Empty<AdditionalText>();

    public GeneratorDriver CreateDriver()
    {
        CreatedTexts = AdditionalFiles.Select(f => (AdditionalText)new InMemoryAdditionalText(f.Path, f.Text)).ToList();
        return CSharpGeneratorDriver.Create(
            new[] { new EmbeddedIntegrityGenerator().AsSourceGenerator() },
            CreatedTexts,
            ParseOptions,
            new OptionsProvider(BuildProperties, AdditionalFiles.Where(f => f.Marked).Select(f => f.Path)),
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));
    }

    public CSharpCompilation CreateCompilation(params string[] sources) =>
        CSharpCompilation.Create(
            "App",
            sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, ParseOptions, path: $"/src/File{i}.cs")),
            References.All,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    public GeneratorRunResult Run(params string[] sources)
    {
        var driver = CreateDriver().RunGenerators(CreateCompilation(sources));
        return driver.GetRunResult().Results.Single();
    }

    public static string ChecksumText(params (string Name, long Length, ulong Crc)[] resources) =>
        CrcBuildTools.EmbeddedResources.EmbeddedResourceChecksumText.Header + "\n# comment line\n" +
        string.Concat(resources.Select(r => $"{r.Crc}\t{r.Length}\t{CrcBuildTools.EmbeddedResources.EmbeddedResourceChecksumText.Escape(r.Name)}\n"));

    internal sealed class InMemoryAdditionalText : AdditionalText
    {
        private readonly SourceText _text;

        public InMemoryAdditionalText(string path, string text)
        {
            Path = path;
            _text = SourceText.From(text);
        }

        public override string Path { get; }

        public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
    }

    private sealed class OptionsProvider : AnalyzerConfigOptionsProvider
    {
        private readonly HashSet<string> _markedPaths;

        public OptionsProvider(Dictionary<string, string> globalOptions, IEnumerable<string> markedPaths)
        {
            GlobalOptions = new DictionaryOptions(globalOptions.ToImmutableDictionary());
            _markedPaths = new HashSet<string>(markedPaths, StringComparer.Ordinal);
        }

        public override AnalyzerConfigOptions GlobalOptions { get; }

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => DictionaryOptions.Empty;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) =>
            _markedPaths.Contains(textFile.Path)
                ? new DictionaryOptions(ImmutableDictionary<string, string>.Empty.Add("build_metadata.AdditionalFiles.Crc64EmbeddedResourceChecksums", "true"))
                : DictionaryOptions.Empty;
    }

    private sealed class DictionaryOptions : AnalyzerConfigOptions
    {
        public static readonly DictionaryOptions Empty = new(ImmutableDictionary<string, string>.Empty);

        private readonly ImmutableDictionary<string, string> _values;

        public DictionaryOptions(ImmutableDictionary<string, string> values) => _values = values;

        public override bool TryGetValue(string key, out string value) => _values.TryGetValue(key, out value!);
    }
}
