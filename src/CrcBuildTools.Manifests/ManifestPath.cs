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

        // Segment by segment without Split: the reader checks millions of paths, and this allocates nothing.
        for (int start = 0; start <= path.Length;)
        {
            int end = path.IndexOf('/', start);
            int length = (end < 0 ? path.Length : end) - start;
            if (length == 0)
            {
                return $"The path '{path}' has an empty segment (a leading, trailing or doubled '/').";
            }

            if (path[start] == '.' && (length == 1 || (length == 2 && path[start + 1] == '.')))
            {
                return $"The path '{path}' has a '{path.Substring(start, length)}' segment; manifest paths never leave or re-enter a folder.";
            }

            start += length + 1;
        }

        return null;
    }

    /// <summary>
    /// Checks a manifest file name (<c>Crc64ManifestFileName</c>): it must be one plain file name, valid on every
    /// operating system, so the manifest can only ever be written directly in the folder it describes. Refused: empty
    /// or blank, <c>/</c> or <c>\</c> anywhere (a folder path, an absolute path, <c>..</c>), <c>.</c> and <c>..</c>,
    /// control characters and <c>: * ? " &lt; &gt; |</c>, a trailing dot or space (Windows drops them, so two names
    /// would mean one file), a Windows device name (<c>CON</c>, <c>NUL</c>, <c>COM1</c>...), and more than 255 characters.
    /// </summary>
    /// <param name="name">The candidate file name.</param>
    /// <returns><see langword="null"/> when valid, else a sentence saying what is wrong.</returns>
    public static string? ValidateFileName(string? name)
    {
        if (name is null || name.Trim().Length == 0)
        {
            return "it is empty";
        }

        string shown = "'" + DisplayText.Of(name) + "'";
        if (name.IndexOf('/') >= 0 || name.IndexOf('\\') >= 0)
        {
            return $"{shown} is a path, not a file name: the manifest is always written directly in the folder it describes";
        }

        if (name is "." or "..")
        {
            return $"{shown} names a folder, not a file";
        }

        foreach (char c in name)
        {
            if (c < ' ' || c == '\u007F' || "\":*?<>|".IndexOf(c) >= 0)
            {
                return $"{shown} contains {(c < ' ' || c == '\u007F' ? "a control character" : "'" + c + "'")}, which file names may not contain on every system";
            }
        }

        if (name.EndsWith(".", StringComparison.Ordinal) || name.EndsWith(" ", StringComparison.Ordinal))
        {
            return $"{shown} ends with a dot or a space, which Windows drops";
        }

        if (name.Length > 255)
        {
            return $"the name is {name.Length} characters long; file systems allow 255";
        }

        string stem = name.Split('.')[0].TrimEnd(' ');
        if (IsWindowsDeviceName(stem))
        {
            return $"{shown} is a device name on Windows ({stem.ToUpperInvariant()}), not a file";
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

    /// <summary>Whether the path itself is a symbolic link (or a junction or other reparse point), without following it.</summary>
    /// <param name="path">A file or folder path.</param>
    /// <returns><see langword="false"/> also when the path does not exist.</returns>
    public static bool IsLink(string path)
    {
        FileAttributes attributes = AttributesOf(path);
        return (int)attributes != -1 && (attributes & FileAttributes.ReparsePoint) != 0;
    }

    /// <summary>Whether anything at all is at the path (a file, folder, pipe, or a link, dangling or not), without following it.</summary>
    /// <param name="path">A full path.</param>
    /// <returns><see langword="false"/> when nothing is there.</returns>
    public static bool AnythingAt(string path) => (int)AttributesOf(path) != -1;

    // FileInfo reports -1 for a path with nothing there instead of throwing: verifying a manifest of millions of files
    // against an empty folder must not cost an exception per file.
    private static FileAttributes AttributesOf(string path)
    {
        try
        {
            return new FileInfo(path).Attributes;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return (FileAttributes)(-1);
        }
    }

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

    private static bool IsWindowsDeviceName(string stem)
    {
        string upper = stem.ToUpperInvariant();
        if (upper is "CON" or "PRN" or "AUX" or "NUL" or "CONIN$" or "CONOUT$")
        {
            return true;
        }

        return upper.Length == 4 && (upper.StartsWith("COM", StringComparison.Ordinal) || upper.StartsWith("LPT", StringComparison.Ordinal)) &&
               (upper[3] is >= '0' and <= '9' || upper[3] is '\u00B9' or '\u00B2' or '\u00B3');
    }

    private static bool IsMacOs() =>
        System.Runtime.InteropServices.RuntimeInformation.IsOSPlatform(System.Runtime.InteropServices.OSPlatform.OSX);
}
