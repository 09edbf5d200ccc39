using System;
using System.Collections.Generic;

namespace CrcBuildTools.Manifests;

/// <summary>The user doc that lists a code in its "Error codes" table.</summary>
internal enum ErrorCodePage
{
    /// <summary>docs/manifest.md: CRC1xxx (manifests, hashing, <c>crc64xz hash</c>/<c>verify</c>, the MSBuild floor).</summary>
    Manifests,

    /// <summary>docs/embedded-integrity.md: CRC2xxx (generator, resource task, run time).</summary>
    EmbeddedIntegrity,

    /// <summary>docs/upload.md: CRC3xxx.</summary>
    Upload,

    /// <summary>docs/download.md: CRC4xxx (download, audit, cleanup).</summary>
    Download,
}

/// <summary>How a code is reported.</summary>
internal enum ErrorCodeSeverity
{
    /// <summary>Always an error.</summary>
    Error,

    /// <summary>Always a warning.</summary>
    Warning,

    /// <summary>An informational diagnostic.</summary>
    Info,

    /// <summary>An error by default, a warning when the user relaxed it (<c>Crc64UploadRequireServerChecksum=false</c>).</summary>
    ErrorOrWarning,
}

/// <summary>One code: where it is documented and how it is reported.</summary>
internal sealed class ErrorCodeEntry
{
    internal ErrorCodeEntry(string code, ErrorCodePage page, ErrorCodeSeverity severity)
    {
        Code = code;
        Page = page;
        Severity = severity;
    }

    /// <summary>The code, e.g. <c>CRC1005</c>.</summary>
    public string Code { get; }

    /// <summary>The doc that lists it.</summary>
    public ErrorCodePage Page { get; }

    /// <summary>How it is reported.</summary>
    public ErrorCodeSeverity Severity { get; }

    /// <summary>The doc file, relative to the repository root.</summary>
    public string DocFile => ErrorCodeRegistry.DocFile(Page);

    /// <summary>The link MSBuild and the CLI show with the code: the page's "Error codes" table.</summary>
    public string HelpLink => ErrorCodeRegistry.HelpBase + DocFile + "#" + ErrorCodeRegistry.Anchor;
}

/// <summary>
/// Every code the package reports, in one place: code, doc page (its anchor is the page's "Error codes" table) and
/// severity. The constants that name codes in code (<see cref="Crc64ErrorCodes"/>, <c>StorageErrorCodes</c>,
/// <c>DownloadErrorCodes</c>, the generator's descriptors, the targets' <c>Error Code=</c>) stay where their callers
/// are; a test (ErrorCodeRegistryTests) fails when a code used anywhere in src/ or build/ is missing here or from its
/// page, or when a code listed here or documented is used nowhere. A new code is one line here and one row in its page.
/// </summary>
internal static class ErrorCodeRegistry
{
    /// <summary>Where the docs are published.</summary>
    public const string HelpBase = "https://github.com/crcbuildtools/crcbuildtools/blob/main/";

    /// <summary>The anchor of every page's code table (<c>## Error codes</c>).</summary>
    public const string Anchor = "error-codes";

    private static readonly ErrorCodeEntry[] Entries =
    {
        new("CRC1001", ErrorCodePage.Manifests, ErrorCodeSeverity.Error),
        new("CRC1002", ErrorCodePage.Manifests, ErrorCodeSeverity.Error),
        new("CRC1003", ErrorCodePage.Manifests, ErrorCodeSeverity.Error),
        new("CRC1004", ErrorCodePage.Manifests, ErrorCodeSeverity.Error),
        new("CRC1005", ErrorCodePage.Manifests, ErrorCodeSeverity.Error),
        new("CRC1006", ErrorCodePage.Manifests, ErrorCodeSeverity.Error),
        new("CRC1007", ErrorCodePage.Manifests, ErrorCodeSeverity.Error),
        new("CRC1008", ErrorCodePage.Manifests, ErrorCodeSeverity.Error),
        new("CRC1009", ErrorCodePage.Manifests, ErrorCodeSeverity.Error),
        new("CRC1010", ErrorCodePage.Manifests, ErrorCodeSeverity.Error),
        new("CRC1011", ErrorCodePage.Manifests, ErrorCodeSeverity.Error),
        new("CRC1012", ErrorCodePage.Manifests, ErrorCodeSeverity.Error),
        new("CRC1013", ErrorCodePage.Manifests, ErrorCodeSeverity.Error),
        new("CRC1014", ErrorCodePage.Manifests, ErrorCodeSeverity.Error),
        new("CRC1015", ErrorCodePage.Manifests, ErrorCodeSeverity.Error),
        new("CRC1016", ErrorCodePage.Manifests, ErrorCodeSeverity.Error),
        new("CRC1039", ErrorCodePage.Manifests, ErrorCodeSeverity.Error),
        new("CRC1040", ErrorCodePage.Manifests, ErrorCodeSeverity.Error),

        new("CRC2001", ErrorCodePage.EmbeddedIntegrity, ErrorCodeSeverity.Warning),
        new("CRC2002", ErrorCodePage.EmbeddedIntegrity, ErrorCodeSeverity.Error),
        new("CRC2003", ErrorCodePage.EmbeddedIntegrity, ErrorCodeSeverity.Error),
        new("CRC2004", ErrorCodePage.EmbeddedIntegrity, ErrorCodeSeverity.Error),
        new("CRC2005", ErrorCodePage.EmbeddedIntegrity, ErrorCodeSeverity.Error),
        new("CRC2006", ErrorCodePage.EmbeddedIntegrity, ErrorCodeSeverity.Error),
        new("CRC2007", ErrorCodePage.EmbeddedIntegrity, ErrorCodeSeverity.Error),
        new("CRC2008", ErrorCodePage.EmbeddedIntegrity, ErrorCodeSeverity.Info),
        new("CRC2009", ErrorCodePage.EmbeddedIntegrity, ErrorCodeSeverity.Error),
        new("CRC2101", ErrorCodePage.EmbeddedIntegrity, ErrorCodeSeverity.Error),
        new("CRC2102", ErrorCodePage.EmbeddedIntegrity, ErrorCodeSeverity.Error),
        new("CRC2103", ErrorCodePage.EmbeddedIntegrity, ErrorCodeSeverity.Error),
        new("CRC2104", ErrorCodePage.EmbeddedIntegrity, ErrorCodeSeverity.Error),
        new("CRC2105", ErrorCodePage.EmbeddedIntegrity, ErrorCodeSeverity.Error),
        new("CRC2201", ErrorCodePage.EmbeddedIntegrity, ErrorCodeSeverity.Error),
        new("CRC2202", ErrorCodePage.EmbeddedIntegrity, ErrorCodeSeverity.Error),

        new("CRC3001", ErrorCodePage.Upload, ErrorCodeSeverity.Error),
        new("CRC3002", ErrorCodePage.Upload, ErrorCodeSeverity.Error),
        new("CRC3003", ErrorCodePage.Upload, ErrorCodeSeverity.Error),
        new("CRC3004", ErrorCodePage.Upload, ErrorCodeSeverity.Error),
        new("CRC3005", ErrorCodePage.Upload, ErrorCodeSeverity.Error),
        new("CRC3006", ErrorCodePage.Upload, ErrorCodeSeverity.Error),
        new("CRC3007", ErrorCodePage.Upload, ErrorCodeSeverity.Error),
        new("CRC3008", ErrorCodePage.Upload, ErrorCodeSeverity.Error),
        new("CRC3010", ErrorCodePage.Upload, ErrorCodeSeverity.Error),
        new("CRC3011", ErrorCodePage.Upload, ErrorCodeSeverity.Error),
        new("CRC3012", ErrorCodePage.Upload, ErrorCodeSeverity.Warning),
        new("CRC3020", ErrorCodePage.Upload, ErrorCodeSeverity.Error),
        new("CRC3021", ErrorCodePage.Upload, ErrorCodeSeverity.Error),
        new("CRC3030", ErrorCodePage.Upload, ErrorCodeSeverity.Error),
        new("CRC3031", ErrorCodePage.Upload, ErrorCodeSeverity.Error),
        new("CRC3032", ErrorCodePage.Upload, ErrorCodeSeverity.Error),
        new("CRC3033", ErrorCodePage.Upload, ErrorCodeSeverity.ErrorOrWarning),
        new("CRC3040", ErrorCodePage.Upload, ErrorCodeSeverity.Error),
        new("CRC3041", ErrorCodePage.Upload, ErrorCodeSeverity.Error),
        new("CRC3042", ErrorCodePage.Upload, ErrorCodeSeverity.Error),
        new("CRC3043", ErrorCodePage.Upload, ErrorCodeSeverity.Error),
        new("CRC3044", ErrorCodePage.Upload, ErrorCodeSeverity.Error),
        new("CRC3045", ErrorCodePage.Upload, ErrorCodeSeverity.Error),
        new("CRC3046", ErrorCodePage.Upload, ErrorCodeSeverity.Error),
        new("CRC3050", ErrorCodePage.Upload, ErrorCodeSeverity.Error),
        new("CRC3051", ErrorCodePage.Upload, ErrorCodeSeverity.Warning),
        new("CRC3060", ErrorCodePage.Upload, ErrorCodeSeverity.Error),
        new("CRC3061", ErrorCodePage.Upload, ErrorCodeSeverity.Error),
        new("CRC3062", ErrorCodePage.Upload, ErrorCodeSeverity.Error),
        new("CRC3063", ErrorCodePage.Upload, ErrorCodeSeverity.Error),
        new("CRC3080", ErrorCodePage.Upload, ErrorCodeSeverity.Error),
        new("CRC3081", ErrorCodePage.Upload, ErrorCodeSeverity.Error),
        new("CRC3082", ErrorCodePage.Upload, ErrorCodeSeverity.Error),
        new("CRC3090", ErrorCodePage.Upload, ErrorCodeSeverity.Error),
        new("CRC3091", ErrorCodePage.Upload, ErrorCodeSeverity.Info),
        new("CRC3092", ErrorCodePage.Upload, ErrorCodeSeverity.Warning),
        new("CRC3093", ErrorCodePage.Upload, ErrorCodeSeverity.Info),
        new("CRC3094", ErrorCodePage.Upload, ErrorCodeSeverity.Warning),
        new("CRC3095", ErrorCodePage.Upload, ErrorCodeSeverity.Info),

        new("CRC4001", ErrorCodePage.Download, ErrorCodeSeverity.Error),
        new("CRC4002", ErrorCodePage.Download, ErrorCodeSeverity.Error),
        new("CRC4003", ErrorCodePage.Download, ErrorCodeSeverity.Error),
        new("CRC4004", ErrorCodePage.Download, ErrorCodeSeverity.Error),
        new("CRC4010", ErrorCodePage.Download, ErrorCodeSeverity.Error),
        new("CRC4011", ErrorCodePage.Download, ErrorCodeSeverity.Error),
        new("CRC4012", ErrorCodePage.Download, ErrorCodeSeverity.Error),
        new("CRC4020", ErrorCodePage.Download, ErrorCodeSeverity.Error),
        new("CRC4021", ErrorCodePage.Download, ErrorCodeSeverity.Error),
        new("CRC4022", ErrorCodePage.Download, ErrorCodeSeverity.Error),
        new("CRC4023", ErrorCodePage.Download, ErrorCodeSeverity.Error),
        new("CRC4024", ErrorCodePage.Download, ErrorCodeSeverity.Error),
        new("CRC4025", ErrorCodePage.Download, ErrorCodeSeverity.Error),
        new("CRC4026", ErrorCodePage.Download, ErrorCodeSeverity.Error),
        new("CRC4030", ErrorCodePage.Download, ErrorCodeSeverity.Error),
        new("CRC4031", ErrorCodePage.Download, ErrorCodeSeverity.Error),
        new("CRC4032", ErrorCodePage.Download, ErrorCodeSeverity.Error),
        new("CRC4033", ErrorCodePage.Download, ErrorCodeSeverity.Error),
        new("CRC4034", ErrorCodePage.Download, ErrorCodeSeverity.Error),
        new("CRC4035", ErrorCodePage.Download, ErrorCodeSeverity.Error),
        new("CRC4040", ErrorCodePage.Download, ErrorCodeSeverity.Error),
        new("CRC4041", ErrorCodePage.Download, ErrorCodeSeverity.Error),
        new("CRC4042", ErrorCodePage.Download, ErrorCodeSeverity.Error),
        new("CRC4043", ErrorCodePage.Download, ErrorCodeSeverity.Error),
        new("CRC4044", ErrorCodePage.Download, ErrorCodeSeverity.Warning),
        new("CRC4045", ErrorCodePage.Download, ErrorCodeSeverity.Error),
        new("CRC4050", ErrorCodePage.Download, ErrorCodeSeverity.Error),
        new("CRC4060", ErrorCodePage.Download, ErrorCodeSeverity.Error),
    };

    private static readonly Dictionary<string, ErrorCodeEntry> ByCode = Index();

    /// <summary>Every entry, in code order.</summary>
    public static IReadOnlyList<ErrorCodeEntry> All => Entries;

    /// <summary>The entry of <paramref name="code"/>, or null for a code nobody registered (a test keeps that from shipping).</summary>
    public static ErrorCodeEntry? Find(string? code) => code is not null && ByCode.TryGetValue(code, out ErrorCodeEntry? entry) ? entry : null;

    /// <summary>The help link of <paramref name="code"/>, or null when it is not registered.</summary>
    public static string? HelpLink(string? code) => Find(code)?.HelpLink;

    /// <summary>The doc file of a page, relative to the repository root.</summary>
    public static string DocFile(ErrorCodePage page) => page switch
    {
        ErrorCodePage.Manifests => "docs/manifest.md",
        ErrorCodePage.EmbeddedIntegrity => "docs/embedded-integrity.md",
        ErrorCodePage.Upload => "docs/upload.md",
        _ => "docs/download.md",
    };

    private static Dictionary<string, ErrorCodeEntry> Index()
    {
        var index = new Dictionary<string, ErrorCodeEntry>(StringComparer.Ordinal);
        foreach (ErrorCodeEntry entry in Entries)
        {
            index.Add(entry.Code, entry);
        }

        return index;
    }
}
