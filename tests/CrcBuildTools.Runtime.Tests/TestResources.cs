using System;
using System.IO;
using System.Linq;
using System.Reflection;
using CrcBuildTools.Hashing;

namespace CrcBuildTools.Runtime.Tests;

/// <summary>The resources embedded in this test assembly, with expectations computed from the copies on disk.</summary>
internal static class TestResources
{
    public static readonly (string Name, string File)[] All =
    {
        ("Tests.hello.txt", "hello.txt"),
        ("Tests.blob.bin", "blob.bin"),
        ("Tests/odd name-ü.json", "odd name-ü.json"),
    };

    public static Assembly Assembly => typeof(TestResources).Assembly;

    public static byte[] Bytes(string file) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Resources", file));

    public static EmbeddedResourceChecksum Recorded(string name, string file)
    {
        var bytes = Bytes(file);
        return new EmbeddedResourceChecksum(name, bytes.Length, Crc64Xz.Hash(bytes));
    }

    public static EmbeddedResourceChecksum[] RecordedAll() => All.Select(r => Recorded(r.Name, r.File)).ToArray();
}
