using System;
using System.Collections.Generic;
using System.IO;

namespace CrcBuildTools.Tasks;

/// <summary>
/// Tells which files of an output folder are reached through a symbolic link: the file itself, or a folder between
/// it and the output folder. Such a file is always hashed under the link rule and never taken from the hash cache,
/// because a cached CRC would skip the rule. One lstat per distinct folder, remembered, so a no-op build stays cheap.
/// </summary>
internal sealed class LinkedFolders(string root)
{
    private readonly string _root = root.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
    private readonly Dictionary<string, bool> _folders = new(StringComparer.Ordinal);

    public bool PassesThroughLink(string fullPath) =>
        Manifests.ManifestPath.IsLink(fullPath) || FolderPassesThroughLink(Path.GetDirectoryName(fullPath));

    private bool FolderPassesThroughLink(string? folder)
    {
        if (folder is null || folder.Length <= _root.Length)
        {
            return false;
        }

        if (!_folders.TryGetValue(folder, out bool linked))
        {
            linked = Manifests.ManifestPath.IsLink(folder) || FolderPassesThroughLink(Path.GetDirectoryName(folder));
            _folders[folder] = linked;
        }

        return linked;
    }
}
