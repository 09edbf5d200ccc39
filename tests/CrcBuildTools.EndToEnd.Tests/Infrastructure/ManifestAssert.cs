using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using CrcBuildTools.TestSupport;
using Xunit;

namespace CrcBuildTools.EndToEnd.Tests.Infrastructure;

/// <summary>One manifest entry as parsed independently of the product's reader.</summary>
/// <param name="Path">Relative <c>/</c> path.</param>
/// <param name="Length">Length in bytes.</param>
/// <param name="Crc64">The CRC-64/XZ.</param>
public sealed record ManifestFile(string Path, long Length, ulong Crc64);

/// <summary>Checks a manifest against the folder it describes, using System.Text.Json and xz rather than product code.</summary>
public static class ManifestAssert
{
    /// <summary>
    /// Asserts the format (no BOM, <c>\n</c>, schema, algorithm, ordinal order, CRC as a decimal string), that the
    /// manifest lists exactly the folder's files except <paramref name="notListed"/> and itself, and that every
    /// length and CRC matches the file on disk, with xz as the CRC oracle.
    /// </summary>
    /// <param name="manifestPath">The manifest.</param>
    /// <param name="folder">The folder it describes.</param>
    /// <param name="notListed">Relative paths that are in the folder but must not be listed (stale leftovers, other manifests).</param>
    /// <returns>The entries.</returns>
    public static IReadOnlyList<ManifestFile> ListsExactlyTheFolder(string manifestPath, string folder, params string[] notListed)
    {
        IReadOnlyList<ManifestFile> files = Parse(manifestPath);
        string manifestRelative = Path.GetRelativePath(folder, manifestPath).Replace('\\', '/');
        var expected = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(folder, f).Replace('\\', '/'))
            .Where(p => p != manifestRelative && !notListed.Contains(p))
            .OrderBy(p => p, StringComparer.Ordinal)
            .ToList();
        Assert.Equal(expected, files.Select(f => f.Path));

        Parallel.ForEach(files, new ParallelOptions { MaxDegreeOfParallelism = 2 }, file =>
        {
            string full = Path.Combine(folder, file.Path);
            Assert.True(file.Length == new FileInfo(full).Length, $"length of {file.Path}");
            ulong oracle = XzOracle.Crc64(full);
            Assert.True(oracle == file.Crc64, $"{file.Path}: manifest CRC {file.Crc64}, xz says {oracle}");
        });
        return files;
    }

    /// <summary>Parses and format-checks a manifest with System.Text.Json.</summary>
    /// <param name="manifestPath">The manifest.</param>
    /// <returns>The entries in file order.</returns>
    public static IReadOnlyList<ManifestFile> Parse(string manifestPath)
    {
        byte[] bytes = File.ReadAllBytes(manifestPath);
        Assert.False(bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF, "manifest starts with a BOM");
        Assert.DoesNotContain((byte)'\r', bytes);
        Assert.Equal((byte)'\n', bytes[^1]);

        using JsonDocument document = JsonDocument.Parse(bytes);
        JsonElement root = document.RootElement;
        Assert.Equal("https://crcbuildtools/manifest/v1", root.GetProperty("schema").GetString());
        Assert.Equal("CRC-64/XZ", root.GetProperty("algorithm").GetString());
        var files = root.GetProperty("files").EnumerateArray().Select(f =>
        {
            JsonElement crc = f.GetProperty("crc64");
            Assert.Equal(JsonValueKind.String, crc.ValueKind);
            return new ManifestFile(f.GetProperty("path").GetString()!, f.GetProperty("length").GetInt64(), ulong.Parse(crc.GetString()!, NumberStyles.None, CultureInfo.InvariantCulture));
        }).ToList();
        Assert.Equal(files.Select(f => f.Path).OrderBy(p => p, StringComparer.Ordinal), files.Select(f => f.Path));
        Assert.All(files, f => Assert.DoesNotContain('\\', f.Path));
        return files;
    }
}
