using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Threading;
using CrcBuildTools.Hashing;
using CrcBuildTools.Manifests;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
// The rules for manifest paths, named apart from this task's own ManifestPath property (the manifest file).
using ManifestPathRules = CrcBuildTools.Manifests.ManifestPath;

namespace CrcBuildTools.Tasks;

/// <summary>
/// Writes the CRC-64/XZ manifest of a build or publish folder and returns the checksums as items. Unchanged files
/// are taken from a cache instead of being hashed again, and the manifest is rewritten only when its bytes change.
/// </summary>
public sealed class WriteCrc64Manifest : Task, ICancelableTask
{
    private readonly TaskCancellation _cancellation = new();

    /// <summary>The files to list: full paths, or paths relative to the project.</summary>
    public ITaskItem[] Files { get; set; } = Array.Empty<ITaskItem>();

    /// <summary>The folder the manifest describes (OutDir or PublishDir); manifest paths are relative to it.</summary>
    /// <remarks>Not [Required]: a missing value gets the package's own coded error (CRC1008), not MSB4044.</remarks>
    public string RootDirectory { get; set; } = string.Empty;

    /// <summary>
    /// Where to write the manifest: directly in <see cref="RootDirectory"/>, under a plain file name
    /// (<see cref="Manifests.ManifestPath.ValidateFileName"/>) that names no file listed in <see cref="Files"/>.
    /// </summary>
    public string ManifestPath { get; set; } = string.Empty;

    /// <summary>The incremental hash cache (in obj/); empty turns caching off.</summary>
    public string? CacheFile { get; set; }

    /// <summary>
    /// Build: FileWrites also holds obj/ files and files that were registered but not produced, so files outside
    /// <see cref="RootDirectory"/> or absent are skipped. Publish: every listed file must exist inside the folder.
    /// </summary>
    public bool SkipAbsentAndOutsideFiles { get; set; }

    /// <summary>Hashing workers (<c>Crc64ManifestParallelism</c>): 0 (one per core, the default) to 512.</summary>
    public string? MaxDegreeOfParallelism { get; set; }

    /// <summary>One item per listed file: the full path, with RelativePath, Length and Crc64 (decimal) metadata.</summary>
    [Output]
    public ITaskItem[] Checksums { get; private set; } = Array.Empty<ITaskItem>();

    /// <summary>How many files were actually read (the rest came from the cache).</summary>
    [Output]
    public int HashedFileCount { get; private set; }

    /// <summary>Whether the manifest file was (re)written.</summary>
    [Output]
    public bool ManifestWritten { get; private set; }

    /// <inheritdoc />
    public void Cancel() => _cancellation.Cancel();

    /// <inheritdoc />
    public override bool Execute()
    {
        if (string.IsNullOrWhiteSpace(RootDirectory) || string.IsNullOrWhiteSpace(ManifestPath))
        {
            Crc64TaskLog.Error(Log, Crc64ErrorCodes.BadConfiguration, null, "WriteCrc64Manifest needs RootDirectory and ManifestPath. Set Crc64ManifestFileName to a plain file name, or set Crc64Manifest=false.");
            return false;
        }

        if (!Crc64TaskSettings.TryParallelism(Log, MaxDegreeOfParallelism, out int parallelism))
        {
            return false;
        }

        string root = Path.GetFullPath(RootDirectory);
        if (ManifestDestination.Check(Log, RootDirectory, ManifestPath) is not string manifestFullPath)
        {
            return false;
        }

        List<PendingFile> files = Collect(root, manifestFullPath);
        if (Log.HasLoggedErrors)
        {
            return false;
        }

        using TaskCancellation.Scope cancellation = _cancellation.Begin();
        CachedFileHasher hasher = CachedFileHasher.Open(CacheFile);
        if (!Hash(files, hasher, root, parallelism, cancellation.Token))
        {
            return false;
        }

        try
        {
            var manifest = new Crc64Manifest(files.ConvertAll(static f => new Crc64ManifestEntry(f.RelativePath, f.Length, f.Crc)));
            ManifestWritten = Crc64ManifestWriter.WriteIfChanged(manifest, manifestFullPath);
        }
        catch (Crc64ManifestException e)
        {
            Crc64TaskLog.Error(Log, e);
            return false;
        }

        if (hasher.Save() is string cacheProblem)
        {
            Log.LogMessage(MessageImportance.Low, "The CRC-64 hash cache was not saved; the next build hashes these files again. {0}", cacheProblem);
        }

        Checksums = files.ConvertAll(ToItem).ToArray();
        Log.LogMessage(
            MessageImportance.Normal,
            "CRC-64 manifest {0}: {1} files, {2} hashed, {3} from cache{4}.",
            manifestFullPath,
            files.Count,
            HashedFileCount,
            files.Count - HashedFileCount,
            ManifestWritten ? string.Empty : ", unchanged");
        return !Log.HasLoggedErrors;
    }

    private List<PendingFile> Collect(string root, string manifestFullPath)
    {
        var byPath = new Dictionary<string, PendingFile>(ManifestPathComparison == StringComparison.Ordinal ? StringComparer.Ordinal : StringComparer.OrdinalIgnoreCase);
        var links = new LinkedFolders(root);
        foreach (ITaskItem item in Files)
        {
            string fullPath = Path.GetFullPath(item.ItemSpec);
            if (string.Equals(fullPath, manifestFullPath, ManifestPathComparison))
            {
                // The manifest of an earlier build may be registered as an output (a project that adds its whole
                // OutDir to FileWrites); it is not listed in itself. Any other file there is one this build produced
                // (an assembly, a copied source file), which writing the manifest would replace: refused, before
                // anything is written.
                if (File.Exists(fullPath) && !Crc64ManifestWriter.IsManifest(fullPath))
                {
                    Crc64TaskLog.Error(Log, Crc64ErrorCodes.ManifestNameTaken, fullPath,
                        $"The manifest would be written to '{DisplayText.Of(fullPath)}', which is a file this build itself produced, and would replace it. Nothing was written. Set Crc64ManifestFileName to a name no output file has (the default is $(TargetName).crc64.json).");
                }

                continue;
            }

            if (byPath.ContainsKey(fullPath))
            {
                continue;
            }

            string? relative = ManifestPathRules.FromFileSystem(root, fullPath);
            if (relative is null)
            {
                if (!SkipAbsentAndOutsideFiles)
                {
                    Crc64TaskLog.Error(Log, Crc64ErrorCodes.BadConfiguration, fullPath, $"'{fullPath}' is not inside '{root}', the folder the manifest describes. Fix the item's RelativePath metadata so it stays inside the folder.");
                }

                continue;
            }

            if (FileStamp.Of(fullPath) is not FileStamp stamp)
            {
                if (SkipAbsentAndOutsideFiles)
                {
                    Log.LogMessage(MessageImportance.Low, "'{0}' is registered as an output but does not exist; not listed in the manifest.", fullPath);
                }
                else
                {
                    Crc64TaskLog.Error(Log, Crc64ErrorCodes.FileMissing, fullPath, $"'{fullPath}' should be in '{root}' but does not exist. Another process removed it, or a target skipped copying it; publish again.");
                }

                continue;
            }

            byPath.Add(fullPath, new PendingFile(fullPath, relative, stamp, links.PassesThroughLink(fullPath)));
        }

        return new List<PendingFile>(byPath.Values);
    }

    private bool Hash(List<PendingFile> files, CachedFileHasher hasher, string root, int parallelism, CancellationToken cancellationToken)
    {
        // A file reached through a symbolic link is hashed every time, never taken from the cache: the link rule
        // (hashed as its target inside the folder, refused if it leads out) is checked when it is read.
        FileHashOutcome[] outcomes;
        try
        {
            outcomes = hasher.Hash(files.ConvertAll(static f => new FileToHash(f.FullPath, f.Stamp, Cacheable: !f.ThroughLink)), root, parallelism, BuildEngine, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            Log.LogMessage(MessageImportance.High, "CRC-64 manifest cancelled.");
            return false;
        }

        HashedFileCount = hasher.HashedFileCount;
        for (int i = 0; i < outcomes.Length; i++)
        {
            if (outcomes[i].Error is Crc64ManifestException error)
            {
                Crc64TaskLog.Error(Log, error);
                continue;
            }

            files[i].Crc = outcomes[i].Crc;
            files[i].Length = outcomes[i].Length;
        }

        return !Log.HasLoggedErrors;
    }

    private static StringComparison ManifestPathComparison => ManifestPathRules.FileSystemComparison;

    private static ITaskItem ToItem(PendingFile file)
    {
        var item = new TaskItem(file.FullPath);
        item.SetMetadata("RelativePath", file.RelativePath);
        item.SetMetadata("Length", file.Length.ToString(CultureInfo.InvariantCulture));
        item.SetMetadata("Crc64", Crc64XzFormat.ToDecimalString(file.Crc));
        return item;
    }

    private sealed class PendingFile(string fullPath, string relativePath, FileStamp stamp, bool throughLink)
    {
        public bool ThroughLink { get; } = throughLink;

        public string FullPath { get; } = fullPath;

        public string RelativePath { get; } = relativePath;

        public FileStamp Stamp { get; } = stamp;

        public long Length { get; set; } = stamp.Length;

        public ulong Crc { get; set; }
    }
}
