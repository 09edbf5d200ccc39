using System;
using System.IO;

namespace CrcBuildTools.Manifests;

/// <summary>
/// Manifest paths: relative, <c>/</c>-separated, no <c>.</c> or <c>..</c> segments, so a manifest can never point
/// outside the folder it describes, and the same folder gives the same paths on Windows and Unix.
/// </summary>
public static class ManifestPath
{
    /// <summary>How this file system compares paths: case-insensitively on Windows and macOS, ordinally elsewhere.</summary>
    public static StringComparison FileSystemComparison { get; } =
        Path.DirectorySeparatorChar == '\\' || IsMacOs() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

    /// <summary>Checks a manifest path.</summary>
    /// <param name="path">The candidate path.</param>
    /// <returns><see langword="null"/> when valid, else a sentence saying what is wrong.</returns>
    public static string? Validate(string? path)
    {
        if (string.IsNullOrEmpty(path))
        {
            return "A manifest path cannot be empty.";
        }

        if (path![0] == '/' || (path.Length >= 2 && path[1] == ':'))
        {
            return $"The path '{path}' is absolute; manifest paths are relative to the manifest's folder.";
        }

        foreach (char c in path)
        {
            if (c == '\\')
            {
                return $"The path '{path}' contains '\\'; manifest paths use '/' separators.";
            }

            if (c < ' ')
            {
                return $"The path '{Escape(path)}' contains a control character.";
            }
        }

        foreach (string segment in path.Split('/'))
        {
            if (segment.Length == 0)
            {
                return $"The path '{path}' has an empty segment (a leading, trailing or doubled '/').";
            }

            if (segment is "." or "..")
            {
                return $"The path '{path}' has a '{segment}' segment; manifest paths never leave or re-enter a folder.";
            }
        }

        return null;
    }

    /// <summary>Turns a file under <paramref name="rootDirectory"/> into its manifest path.</summary>
    /// <param name="rootDirectory">The folder the manifest describes.</param>
    /// <param name="filePath">A file path, absolute or relative to the current directory.</param>
    /// <returns>The relative <c>/</c> path, or <see langword="null"/> when the file is not inside the folder.</returns>
    public static string? FromFileSystem(string rootDirectory, string filePath)
    {
        string root = WithTrailingSeparator(Path.GetFullPath(rootDirectory));
        string full = Path.GetFullPath(filePath);
        if (full.Length <= root.Length || !full.StartsWith(root, FileSystemComparison))
        {
            return null;
        }

        string relative = full.Substring(root.Length);
        if (Path.DirectorySeparatorChar != '/')
        {
            relative = relative.Replace(Path.DirectorySeparatorChar, '/');
        }

        return Validate(relative) is null ? relative : null;
    }

    /// <summary>Turns a manifest path into a file system path under <paramref name="rootDirectory"/>.</summary>
    /// <param name="rootDirectory">The folder the manifest describes.</param>
    /// <param name="manifestPath">A valid manifest path.</param>
    /// <returns>The full path.</returns>
    public static string ToFileSystem(string rootDirectory, string manifestPath) =>
        Path.GetFullPath(Path.Combine(rootDirectory, manifestPath.Replace('/', Path.DirectorySeparatorChar)));

    /// <summary>Normalises a metadata path such as <c>%(RelativePath)</c>, which may use either separator.</summary>
    /// <param name="relativePath">A relative path from MSBuild.</param>
    /// <returns>The path with <c>/</c> separators.</returns>
    public static string FromRelative(string relativePath) => relativePath.Replace('\\', '/');

    /// <summary>Appends the directory separator when missing.</summary>
    /// <param name="directory">A directory path.</param>
    /// <returns>The path ending in a separator.</returns>
    public static string WithTrailingSeparator(string directory) =>
        directory.EndsWith(Path.DirectorySeparatorChar.ToString(), StringComparison.Ordinal) ||
        directory.EndsWith(Path.AltDirectorySeparatorChar.ToString(), StringComparison.Ordinal)
            ? directory
            : directory + Path.DirectorySeparatorChar;

    private static string Escape(string path)
    {
        var builder = new System.Text.StringBuilder(path.Length);
        foreach (char c in path)
        {
            builder.Append(c < ' ' ? "\\u" + ((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture) : c.ToString());
        }

        return builder.ToString();
    }

    private static bool IsMacOs() =>
        System.Runtime.InteropServices.RuntimeInformation.IsOSPlatform(System.Runtime.InteropServices.OSPlatform.OSX);
}
