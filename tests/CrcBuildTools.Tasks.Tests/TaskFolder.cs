using System;
using System.IO;
using System.Linq;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using CrcBuildTools.TestSupport;

namespace CrcBuildTools.Tasks.Tests;

/// <summary>A throwaway project layout: bin/ (the folder a manifest describes) and obj/ (cache), deleted on dispose.</summary>
internal sealed class TaskFolder : IDisposable
{
    // Timestamps well in the past, so the cache's "racy timestamp" guard does not refuse to remember them.
    private static readonly DateTime Past = new(2024, 5, 6, 7, 8, 9, DateTimeKind.Utc);

    private readonly TempFolder _root = new("tasks");

    public TaskFolder()
    {
        Bin = Path.Combine(Root, "bin") + Path.DirectorySeparatorChar;
        Obj = Path.Combine(Root, "obj") + Path.DirectorySeparatorChar;
        Directory.CreateDirectory(Bin);
        Directory.CreateDirectory(Obj);
    }

    public string Root => _root.Path;

    public string Bin { get; }

    public string Obj { get; }

    public string Manifest => Path.Combine(Bin, "app.crc64.json");

    public string Cache => Path.Combine(Obj, "app.crc64build.cache");

    public string Write(string relativeToRoot, string content, int secondsAfterPast = 0)
    {
        string full = _root.Write(relativeToRoot, Encoding.UTF8.GetBytes(content));
        File.SetLastWriteTimeUtc(full, Past.AddSeconds(secondsAfterPast));
        return full;
    }

    /// <summary>
    /// The manifest task over this layout, with a recording engine: bin/ as the root, the cache in obj/. Build mode
    /// skips absent and outside files as FileWrites needs; publish mode (false) requires every file.
    /// </summary>
    public (WriteCrc64Manifest Task, FakeBuildEngine Engine) ManifestTask(bool buildMode, string? manifestPath, params string[] files)
    {
        var engine = new FakeBuildEngine();
        var task = new WriteCrc64Manifest
        {
            BuildEngine = engine,
            Files = files.Select(f => (ITaskItem)new TaskItem(f)).ToArray(),
            RootDirectory = Bin,
            ManifestPath = manifestPath ?? Manifest,
            CacheFile = Cache,
            SkipAbsentAndOutsideFiles = buildMode,
        };
        return (task, engine);
    }

    public void Dispose() => _root.Dispose();
}
