using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using CrcBuildTools.Hashing;

namespace CrcBuildTools.Manifests;

/// <summary>
/// A CRC-64/XZ manifest: the files of one output folder with their length and CRC, sorted by ordinal path.
/// The sort happens here, so every writer produces the same bytes for the same files.
/// </summary>
public sealed class Crc64Manifest
{
    /// <summary>The schema marker written into and required from every manifest.</summary>
    public const string SchemaId = "https://crcbuildtools/manifest/v1";

    /// <summary>The algorithm field's only accepted value.</summary>
    public const string AlgorithmName = Crc64Xz.AlgorithmName;

    /// <summary>Creates a manifest from entries in any order.</summary>
    /// <param name="files">The files; two entries with the same path are rejected.</param>
    /// <exception cref="Crc64ManifestException">Two entries share a path (<see cref="Crc64ErrorCodes.DuplicatePath"/>).</exception>
    public Crc64Manifest(IEnumerable<Crc64ManifestEntry> files)
    {
        if (files is null)
        {
            throw new ArgumentNullException(nameof(files));
        }

        var sorted = new List<Crc64ManifestEntry>(files);
        sorted.Sort(static (a, b) => string.CompareOrdinal(a.Path, b.Path));
        for (int i = 1; i < sorted.Count; i++)
        {
            if (string.Equals(sorted[i - 1].Path, sorted[i].Path, StringComparison.Ordinal))
            {
                throw new Crc64ManifestException(
                    Crc64ErrorCodes.DuplicatePath,
                    $"Two files would be listed as '{sorted[i].Path}'. Give them different relative paths (TargetPath/RelativePath metadata).");
            }
        }

        Files = new ReadOnlyCollection<Crc64ManifestEntry>(sorted);
    }

    private Crc64Manifest(List<Crc64ManifestEntry> sortedUnique)
    {
        Files = new ReadOnlyCollection<Crc64ManifestEntry>(sortedUnique);
    }

    /// <summary>The files, sorted by ordinal path, without duplicates.</summary>
    public IReadOnlyList<Crc64ManifestEntry> Files { get; }

    /// <summary>
    /// Wraps entries the reader has already checked to be in ordinal order without duplicates, so a manifest of
    /// millions of files is not copied and sorted a second time.
    /// </summary>
    internal static Crc64Manifest FromSortedUnique(List<Crc64ManifestEntry> entries) => new(entries);

    /// <summary>Whether some file lies under <paramref name="folderPath"/> (a relative <c>/</c> path without trailing slash).</summary>
    /// <param name="folderPath">A folder's manifest path, for example <c>runtimes/linux-x64</c>.</param>
    /// <returns><see langword="true"/> when at least one entry's path starts with <c>folderPath/</c>.</returns>
    public bool HasFilesUnder(string folderPath)
    {
        if (folderPath is null)
        {
            throw new ArgumentNullException(nameof(folderPath));
        }

        string prefix = folderPath + "/";
        int index = LowerBound(prefix);
        return index < Files.Count && Files[index].Path.StartsWith(prefix, StringComparison.Ordinal);
    }

    /// <summary>Finds a file by its exact (ordinal) path.</summary>
    /// <param name="path">The relative <c>/</c> path.</param>
    /// <returns>The entry, or <see langword="null"/>.</returns>
    public Crc64ManifestEntry? Find(string path)
    {
        int low = 0;
        int high = Files.Count - 1;
        while (low <= high)
        {
            int middle = low + ((high - low) / 2);
            int comparison = string.CompareOrdinal(Files[middle].Path, path);
            if (comparison == 0)
            {
                return Files[middle];
            }

            if (comparison < 0)
            {
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        return null;
    }

    // The first entry whose path is not less than key (ordinal); Files.Count when there is none.
    private int LowerBound(string key)
    {
        int low = 0;
        int high = Files.Count;
        while (low < high)
        {
            int middle = low + ((high - low) / 2);
            if (string.CompareOrdinal(Files[middle].Path, key) < 0)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }
}
