using System;
using System.IO;
using System.Linq;
using CrcBuildTools.Hashing;
using CrcBuildTools.TestSupport;
using Xunit;

namespace CrcBuildTools.Manifests.Tests;

public sealed class HasherAndPathTests
{
    [Fact]
    public void ParallelHashingMatchesInMemoryHashingInInputOrder()
    {
        using var folder = new TempFolder();
        var random = new Random(42);
        var contents = Enumerable.Range(0, 40).Select(i =>
        {
            var bytes = new byte[random.Next(0, 300_000)];
            random.NextBytes(bytes);
            return bytes;
        }).ToArray();
        string[] paths = contents.Select((c, i) => folder.Write($"f{i:D2}.bin", c)).ToArray();

        Crc64FileHashResult[] results = Crc64ParallelFileHasher.HashFiles(paths, maxDegreeOfParallelism: 4);

        for (int i = 0; i < paths.Length; i++)
        {
            Assert.Equal(paths[i], results[i].Path);
            Assert.Equal(new Crc64XzFileHash(Crc64Xz.Hash(contents[i]), contents[i].Length), results[i].Hash);
        }
    }

    [Fact]
    public void VanishedFileIsCrc1001AndOthersStillHash()
    {
        using var folder = new TempFolder();
        string present = folder.Write("present", "123456789");
        string vanished = Path.Combine(folder.Path, "vanished");
        Crc64FileHashResult[] results = Crc64ParallelFileHasher.HashFiles(new[] { vanished, present });
        Assert.Equal(Crc64ErrorCodes.FileMissing, results[0].Error!.Code);
        Assert.Null(results[0].Hash);
        Assert.Equal(11051210869376104954UL, results[1].Hash!.Value.Crc);
    }

    [Fact]
    public void UnreadableFileIsCrc1002()
    {
        if (Environment.UserName == "root" || OperatingSystem.IsWindows())
        {
            // root reads files regardless of mode bits; a directory in place of a file is the nearest case, and it has
            // its own code: it is not a regular file (it is refused before anything is opened).
            using var dirFolder = new TempFolder();
            Directory.CreateDirectory(Path.Combine(dirFolder.Path, "dir"));
            Crc64FileHashResult dirResult = Crc64ParallelFileHasher.HashOne(Path.Combine(dirFolder.Path, "dir"));
            Assert.Equal(Crc64ErrorCodes.NotARegularFile, dirResult.Error!.Code);
            Assert.Contains("is a directory, not a regular file", dirResult.Error.Message, StringComparison.Ordinal);
            return;
        }

        using var folder = new TempFolder();
        string locked = folder.Write("locked", "x");
        File.SetUnixFileMode(locked, UnixFileMode.None);
        Crc64FileHashResult result = Crc64ParallelFileHasher.HashOne(locked);
        Assert.Equal(Crc64ErrorCodes.FileUnreadable, result.Error!.Code);
        Assert.Contains("Close the program that locks it", result.Error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a/b/c.dll", null)]
    [InlineData("a b/ü.txt", null)]
    [InlineData("/abs", "absolute")]
    [InlineData("C:/x", "absolute")]
    [InlineData("a//b", "empty segment")]
    [InlineData("a/", "empty segment")]
    [InlineData("./a", "'.' segment")]
    [InlineData("a/../b", "'..' segment")]
    [InlineData("a\\b", "'\\'")]
    [InlineData("a\tb", "control character")]
    public void ValidatesManifestPaths(string path, string? problemFragment)
    {
        string? problem = ManifestPath.Validate(path);
        if (problemFragment is null)
        {
            Assert.Null(problem);
        }
        else
        {
            Assert.Contains(problemFragment, problem, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void MapsFileSystemPathsUnderTheRootOnly()
    {
        string root = Path.Combine(Path.GetTempPath(), "root");
        Assert.Equal("sub/x.dll", ManifestPath.FromFileSystem(root, Path.Combine(root, "sub", "x.dll")));
        Assert.Equal("sub/x.dll", ManifestPath.FromFileSystem(root + Path.DirectorySeparatorChar, Path.Combine(root, "sub", ".", "x.dll")));
        Assert.Null(ManifestPath.FromFileSystem(root, Path.Combine(Path.GetTempPath(), "rootsibling", "x.dll")));
        Assert.Null(ManifestPath.FromFileSystem(root, root));
        Assert.Equal(Path.Combine(root, "sub", "x.dll"), ManifestPath.ToFileSystem(root, "sub/x.dll"));
    }
}
