using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using CrcBuildTools.Hashing;
using CrcBuildTools.Manifests;
using CrcBuildTools.ObjectStorage;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace CrcBuildTools.Tasks;

/// <summary>
/// What <see cref="Crc64Upload"/> uploads, built from the publish manifest alone: the manifest is the single source of
/// truth, so the release in the bucket can only ever be the one its manifest describes. Every listed file must exist
/// beside the manifest with the listed length before anything is sent; its CRC is checked on the bytes as they are
/// read for upload (CRC3021), before the manifest goes up. The manifest itself is uploaded as the bytes that were
/// parsed here: if it is rewritten meanwhile, the upload fails instead of committing a manifest nobody checked.
/// </summary>
internal sealed class ManifestUploadPlan
{
    private ManifestUploadPlan(IReadOnlyList<UploadItem> files, UploadItem manifest)
    {
        Files = files;
        Manifest = manifest;
    }

    /// <summary>The listed files, with the manifest's length and CRC as the expected values.</summary>
    public IReadOnlyList<UploadItem> Files { get; }

    /// <summary>The manifest file, with the length and CRC of the bytes the plan was built from.</summary>
    public UploadItem Manifest { get; }

    /// <summary>Reads the manifest and checks the folder against it; logs a coded error and returns null on any problem.</summary>
    /// <param name="log">Where problems go.</param>
    /// <param name="manifestPath">The publish manifest; the files it lists lie beside it.</param>
    /// <param name="declaredFiles">
    /// Optional items a customised target still passes (with <c>RelativePath</c>, and <c>Length</c>/<c>Crc64</c> when
    /// known): they must name exactly the manifest's files with the same values, or nothing is uploaded.
    /// </param>
    public static ManifestUploadPlan? Build(TaskLoggingHelper log, string manifestPath, ITaskItem[] declaredFiles)
    {
        string fullPath = Path.GetFullPath(manifestPath);
        byte[] bytes;
        Crc64Manifest manifest;
        try
        {
            bytes = File.ReadAllBytes(fullPath);
            manifest = Crc64ManifestReader.Parse(bytes, fullPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            string reason = e is FileNotFoundException or DirectoryNotFoundException ? "it does not exist" : DisplayText.Of(e.Message);
            Crc64TaskLog.Error(log, StorageErrorCodes.ManifestToUploadUnreadable, fullPath,
                $"The publish manifest '{DisplayText.Of(fullPath)}' cannot be read ({reason}), and it is what says which files to upload. Publish again so that Crc64WritePublishManifest writes it.");
            return null;
        }
        catch (Crc64ManifestException e)
        {
            Crc64TaskLog.Error(log, e);
            return null;
        }

        string root = Path.GetDirectoryName(fullPath)!;
        var files = new List<UploadItem>(manifest.Files.Count);
        foreach (Crc64ManifestEntry entry in manifest.Files)
        {
            string local = ManifestPath.ToFileSystem(root, entry.Path);
            var info = new FileInfo(local);
            if (!info.Exists)
            {
                Crc64TaskLog.Error(log, StorageErrorCodes.LocalFileUnreadable, local,
                    $"The manifest lists '{DisplayText.Of(entry.Path)}', but '{DisplayText.Of(local)}' does not exist. Nothing was uploaded. Publish again so that the folder and its manifest agree.");
                continue;
            }

            if (info.Length != entry.Length)
            {
                Crc64TaskLog.Error(log, StorageErrorCodes.LocalFileChanged, local,
                    $"'{DisplayText.Of(entry.Path)}' is {info.Length} bytes, but the manifest lists {entry.Length}: it changed after the manifest was written. Nothing was uploaded. Publish again from a clean folder.");
                continue;
            }

            files.Add(new UploadItem(local, entry.Path, entry.Length, entry.Crc64));
        }

        CheckDeclaredFiles(log, manifest, fullPath, declaredFiles);
        if (log.HasLoggedErrors)
        {
            return null;
        }

        var manifestItem = new UploadItem(fullPath, Path.GetFileName(fullPath), bytes.LongLength, Crc64Xz.Hash(bytes));
        return new ManifestUploadPlan(files, manifestItem);
    }

    /// <summary>Items passed next to the manifest must agree with it both ways; the manifest still decides what goes up.</summary>
    private static void CheckDeclaredFiles(TaskLoggingHelper log, Crc64Manifest manifest, string manifestPath, ITaskItem[] declaredFiles)
    {
        if (declaredFiles.Length == 0)
        {
            return;
        }

        var unmatched = new HashSet<string>(StringComparer.Ordinal);
        foreach (Crc64ManifestEntry entry in manifest.Files)
        {
            unmatched.Add(entry.Path);
        }

        foreach (ITaskItem item in declaredFiles)
        {
            string relative = ManifestPath.FromRelative(item.GetMetadata("RelativePath"));
            Crc64ManifestEntry? entry = relative.Length == 0 ? null : manifest.Find(relative);
            string lengthText = item.GetMetadata("Length");
            string crcText = item.GetMetadata("Crc64");
            bool differs = entry is not null &&
                ((lengthText.Length > 0 && lengthText != entry.Length.ToString(CultureInfo.InvariantCulture)) ||
                 (crcText.Length > 0 && crcText != Crc64XzFormat.ToDecimalString(entry.Crc64)));
            if (entry is not null)
            {
                unmatched.Remove(entry.Path);
            }

            if (entry is null || differs)
            {
                Crc64TaskLog.Error(log, StorageErrorCodes.InvalidUploadItem, item.ItemSpec,
                    $"The upload item '{DisplayText.Of(item.ItemSpec)}' (RelativePath '{DisplayText.Of(relative)}', Length '{DisplayText.Of(lengthText)}', Crc64 '{DisplayText.Of(crcText)}') " +
                    (entry is null ? "is not listed in the manifest" : "differs from its manifest entry") +
                    $" '{DisplayText.Of(manifestPath)}'. The manifest alone says what is uploaded: remove Files from the Crc64Upload call, or pass the same files the manifest lists.");
            }
        }

        foreach (string path in unmatched)
        {
            Crc64TaskLog.Error(log, StorageErrorCodes.InvalidUploadItem, manifestPath,
                $"The manifest lists '{DisplayText.Of(path)}', which the Files passed to Crc64Upload leave out. The manifest alone says what is uploaded: remove Files from the Crc64Upload call, or pass every file the manifest lists.");
        }
    }
}
