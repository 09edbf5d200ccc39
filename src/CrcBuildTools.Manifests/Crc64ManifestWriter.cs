using System;
using System.Globalization;
using System.IO;
using System.Text;

namespace CrcBuildTools.Manifests;

/// <summary>
/// Writes manifests byte-for-byte deterministically: UTF-8 without BOM, <c>\n</c> line endings, two-space indent,
/// one file per line in ordinal path order, CRC as an unsigned decimal string. Hand-written rather than a JSON
/// library, because the exact bytes are the contract and the .NET Framework task must not drag in System.Text.Json.
/// </summary>
public static class Crc64ManifestWriter
{
    /// <summary>UTF-8 without a byte order mark.</summary>
    public static Encoding Utf8NoBom { get; } = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Renders a manifest as text.</summary>
    /// <param name="manifest">The manifest.</param>
    /// <returns>The JSON text, ending in a newline.</returns>
    public static string ToText(Crc64Manifest manifest)
    {
        if (manifest is null)
        {
            throw new ArgumentNullException(nameof(manifest));
        }

        var text = new StringBuilder(128 + (manifest.Files.Count * 96));
        text.Append("{\n");
        text.Append("  \"schema\": ").Append(Quote(Crc64Manifest.SchemaId)).Append(",\n");
        text.Append("  \"algorithm\": ").Append(Quote(Crc64Manifest.AlgorithmName)).Append(",\n");
        if (manifest.Files.Count == 0)
        {
            text.Append("  \"files\": []\n");
        }
        else
        {
            text.Append("  \"files\": [\n");
            for (int i = 0; i < manifest.Files.Count; i++)
            {
                Crc64ManifestEntry file = manifest.Files[i];
                text.Append("    { \"path\": ").Append(Quote(file.Path))
                    .Append(", \"length\": ").Append(file.Length.ToString(CultureInfo.InvariantCulture))
                    .Append(", \"crc64\": \"").Append(file.Crc64.ToString(CultureInfo.InvariantCulture)).Append("\" }")
                    .Append(i + 1 < manifest.Files.Count ? ",\n" : "\n");
            }

            text.Append("  ]\n");
        }

        text.Append("}\n");
        return text.ToString();
    }

    /// <summary>
    /// Whether <paramref name="path"/> holds a manifest written by this writer (it starts with the writer's fixed first
    /// line and schema), so a task can tell its own earlier manifest from another file of the same name.
    /// </summary>
    /// <param name="path">An existing file.</param>
    /// <returns><see langword="false"/> for any other content, and when the file cannot be read.</returns>
    public static bool IsManifest(string path)
    {
        byte[] expected = Utf8NoBom.GetBytes("{\n  \"schema\": " + Quote(Crc64Manifest.SchemaId));
        var start = new byte[expected.Length];
        try
        {
            // Through the engine's guarded open: a FIFO or device of that name is refused, never waited on.
            using FileStream file = CrcBuildTools.Hashing.Crc64Xz.OpenFile(path);
            int read = 0;
            int count;
            while (read < start.Length && (count = file.Read(start, read, start.Length - read)) > 0)
            {
                read += count;
            }

            return read == start.Length && start.AsSpan().SequenceEqual(expected);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Renders a manifest as UTF-8 bytes.</summary>
    /// <param name="manifest">The manifest.</param>
    /// <returns>The bytes that <see cref="WriteIfChanged"/> would write.</returns>
    public static byte[] ToBytes(Crc64Manifest manifest) => Utf8NoBom.GetBytes(ToText(manifest));

    /// <summary>
    /// Writes the manifest unless the file already holds exactly these bytes, so an unchanged manifest keeps its
    /// timestamp and nothing downstream rebuilds. The new content goes to a temporary file first and then replaces
    /// the old one, so readers never see half a manifest.
    /// </summary>
    /// <param name="manifest">The manifest.</param>
    /// <param name="path">Where to write it; its folder is created when missing.</param>
    /// <returns>Whether the file was written.</returns>
    /// <exception cref="Crc64ManifestException">The file cannot be written (<see cref="Crc64ErrorCodes.ManifestNotWritable"/>).</exception>
    public static bool WriteIfChanged(Crc64Manifest manifest, string path)
    {
        if (path is null)
        {
            throw new ArgumentNullException(nameof(path));
        }

        try
        {
            return AtomicFile.ReplaceIfDifferent(path, ToBytes(manifest));
        }
        catch (Exception e) when (AtomicFile.IsWriteFailure(e))
        {
            string fullPath = Path.GetFullPath(path);
            throw new Crc64ManifestException(
                Crc64ErrorCodes.ManifestNotWritable,
                $"Cannot write the manifest '{fullPath}': {e.Message} " +
                "Check that the folder exists and is writable and that no other process holds the file open, or set Crc64Manifest=false.",
                fullPath,
                innerException: e);
        }
    }

    internal static string Quote(string value)
    {
        var builder = new StringBuilder(value.Length + 2);
        builder.Append('"');
        for (int i = 0; i < value.Length; i++)
        {
            char c = value[i];
            switch (c)
            {
                case '"':
                    builder.Append("\\\"");
                    break;
                case '\\':
                    builder.Append("\\\\");
                    break;
                default:
                    bool loneSurrogate = char.IsSurrogate(c) && !(char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]));
                    if (c < ' ' || loneSurrogate)
                    {
                        builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else if (char.IsHighSurrogate(c))
                    {
                        builder.Append(c).Append(value[++i]);
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        return builder.Append('"').ToString();
    }
}
