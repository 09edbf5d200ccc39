using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Threading;
using CrcBuildTools.EmbeddedResources;
using CrcBuildTools.Hashing;
using CrcBuildTools.Manifests;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace CrcBuildTools.Tasks;

/// <summary>
/// Computes the length and CRC-64/XZ of every resource that lands in the main assembly and writes them as text for
/// the EmbeddedIntegrity source generator. The generator never reads resource files; this task does, once.
/// </summary>
/// <remarks>
/// <para>Names follow the compiler's own rule for <c>/resource:</c>: the item's <c>LogicalName</c> metadata, else the
/// file name. The build passes the items of <c>_CoreCompileResourceInputs</c> (compiled <c>.resources</c> for resx).</para>
/// <para>Incremental: the tasks' one <see cref="CachedFileHasher"/> (full path and <see cref="FileStamp"/>) avoids re-reading
/// unchanged files, and the checksum file is rewritten only when its text changes, so an unchanged build leaves the
/// compiler's inputs alone.</para>
/// </remarks>
public sealed class ComputeEmbeddedResourceChecksums : Task
{
    /// <summary>The resources embedded in the main assembly, with optional <c>LogicalName</c> metadata.</summary>
    public ITaskItem[] Resources { get; set; } = Array.Empty<ITaskItem>();

    /// <summary>The text file handed to the compiler as an additional file (set by the package's targets, in obj/).</summary>
    [Required]
    public string ChecksumFile { get; set; } = string.Empty;

    /// <summary>Optional hash cache (in obj/) that lets unchanged files skip hashing; see <see cref="FileStamp"/> for what it trusts.</summary>
    public string? CacheFile { get; set; }

    /// <summary>
    /// Skip resources whose file does not exist yet instead of failing. Design-time builds set this: the IDE may
    /// evaluate before ResGen has produced the <c>.resources</c> files; a real build always records every resource.
    /// </summary>
    public bool AllowMissingResources { get; set; }

    /// <summary>Set to <see langword="true"/> when the checksum file was (re)written by this run.</summary>
    [Output]
    public bool ChecksumFileChanged { get; set; }

    /// <inheritdoc />
    public override bool Execute()
    {
        var entries = new List<KeyValuePair<string, string>>(Resources.Length);
        var sources = new Dictionary<string, string>(StringComparer.Ordinal);
        var names = new List<string>(Resources.Length);
        var files = new List<FileToHash>(Resources.Length);

        foreach (var item in Resources)
        {
            string name = ResourceName(item);
            string fullPath = item.GetMetadata("FullPath");
            if (ResourceNameRule.Problem(name) is string problem)
            {
                LogError("CRC2104", fullPath, $"The embedded resource name '{DisplayText.Of(name)}' (from '{fullPath}') {problem}");
                continue;
            }

            if (sources.TryGetValue(name, out var otherPath))
            {
                LogError("CRC2102", fullPath, $"Two resources would be embedded under the same name '{DisplayText.Of(name)}': '{otherPath}' and '{fullPath}'. Give one of them a different LogicalName.");
                continue;
            }

            sources.Add(name, fullPath);
            if (FileStamp.Of(fullPath) is not FileStamp stamp)
            {
                if (AllowMissingResources)
                {
                    Log.LogMessage(MessageImportance.Low, "Embedded resource '{0}' ('{1}') does not exist yet; skipped in this design-time build.", name, fullPath);
                    continue;
                }

                LogError("CRC2101", fullPath, $"The embedded resource '{DisplayText.Of(name)}' comes from '{fullPath}', which does not exist. Check the EmbeddedResource item, or build again so that resx files are compiled first.");
                continue;
            }

            names.Add(name);
            files.Add(new FileToHash(fullPath, stamp));
        }

        // The compiler reads resources through links like any file, so no containing folder applies; what it cannot
        // embed as a file (a pipe, a device) is refused. Thousands of small resources are hashed on the granted cores.
        CachedFileHasher hasher = CachedFileHasher.Open(CacheFile);
        FileHashOutcome[] outcomes = hasher.Hash(files, containingFolder: null, maxDegreeOfParallelism: 0, BuildEngine, CancellationToken.None);
        for (int i = 0; i < outcomes.Length; i++)
        {
            string name = names[i];
            string fullPath = files[i].FullPath;
            if (outcomes[i].Error is Crc64ManifestException error)
            {
                // The engine's own sentence (not the manifest-worded CRC1xxx message around it) says what the file is.
                LogError("CRC2103", fullPath, $"The embedded resource '{DisplayText.Of(name)}' could not be read from '{fullPath}': {DisplayText.Of(error.InnerException?.Message ?? error.Message)}");
                continue;
            }

            entries.Add(new(name, EmbeddedResourceChecksumText.FormatLine(name, outcomes[i].Length, outcomes[i].Crc)));
        }

        if (Log.HasLoggedErrors)
        {
            return false;
        }

        // Names are unique (checked above), so ordinal order by name alone is total and the text is deterministic.
        entries.Sort(static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        var text = new StringBuilder(64 + (entries.Count * 80));
        text.Append(EmbeddedResourceChecksumText.Header).Append('\n');
        text.Append(EmbeddedResourceChecksumText.ColumnsComment).Append('\n');
        foreach (var entry in entries)
        {
            text.Append(entry.Value).Append('\n');
        }

        try
        {
            ChecksumFileChanged = AtomicFile.ReplaceIfDifferent(ChecksumFile, Crc64ManifestWriter.Utf8NoBom.GetBytes(text.ToString()));
        }
        catch (Exception e) when (AtomicFile.IsWriteFailure(e))
        {
            LogError("CRC2105", ChecksumFile, $"Cannot write the embedded-resource checksum file '{DisplayText.Of(Path.GetFullPath(ChecksumFile))}' (in obj/), which the compiler needs for EmbeddedIntegrity: {DisplayText.Of(e.Message)} Check that obj/ is writable and that no other process holds the file open, or set Crc64EmbeddedIntegrity=false.");
            return false;
        }

        if (hasher.Save() is string cacheProblem)
        {
            Log.LogMessage(MessageImportance.Low, "The embedded resource checksum cache was not saved; the next build reads these resources again. {0}", cacheProblem);
        }

        Log.LogMessage(MessageImportance.Low, "Recorded {0} embedded resource checksum(s) in '{1}' ({2}).", entries.Count, ChecksumFile, ChecksumFileChanged ? "updated" : "unchanged");
        return !Log.HasLoggedErrors;
    }

    /// <summary>The compiler's rule for <c>/resource:file[,name]</c>: LogicalName when present, else the file name.</summary>
    internal static string ResourceName(ITaskItem item)
    {
        string logicalName = item.GetMetadata("LogicalName");
        return string.IsNullOrEmpty(logicalName) ? Path.GetFileName(item.ItemSpec) : logicalName;
    }

    private void LogError(string code, string file, string message) => Crc64TaskLog.Error(Log, code, file, message);
}
