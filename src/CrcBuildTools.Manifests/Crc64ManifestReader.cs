using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;

namespace CrcBuildTools.Manifests;

/// <summary>
/// Reads manifests strictly. Anything a writer would never produce is rejected with
/// <see cref="Crc64ErrorCodes.ManifestMalformed"/> and the line and column of the problem: unknown or missing
/// fields, a CRC that is not a canonical decimal string, a negative or fractional length, unsorted or duplicate
/// paths, and paths that are absolute or climb out with <c>..</c>. A verifier that guessed would hide tampering.
/// </summary>
public static class Crc64ManifestReader
{
    private static readonly Encoding StrictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Reads and validates a manifest file.</summary>
    /// <param name="path">The manifest file.</param>
    /// <returns>The manifest.</returns>
    /// <exception cref="Crc64ManifestException">
    /// The file is missing or unreadable (<see cref="Crc64ErrorCodes.ManifestUnreadable"/>) or malformed
    /// (<see cref="Crc64ErrorCodes.ManifestMalformed"/>).
    /// </exception>
    public static Crc64Manifest Read(string path)
    {
        if (path is null)
        {
            throw new ArgumentNullException(nameof(path));
        }

        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            string reason = e is FileNotFoundException or DirectoryNotFoundException ? "it does not exist" : e.Message;
            throw new Crc64ManifestException(
                Crc64ErrorCodes.ManifestUnreadable,
                $"{Crc64ErrorCodes.ManifestUnreadable}: cannot read the manifest '{path}': {reason}. Pass the path of a *.crc64.json file written by a CrcBuildTools build or publish.",
                path,
                innerException: e);
        }

        return Parse(bytes, path);
    }

    /// <summary>Validates a manifest held in memory.</summary>
    /// <param name="utf8">The file's bytes.</param>
    /// <param name="sourceName">The name used in error messages.</param>
    /// <returns>The manifest.</returns>
    /// <exception cref="Crc64ManifestException">The content is malformed (<see cref="Crc64ErrorCodes.ManifestMalformed"/>).</exception>
    public static Crc64Manifest Parse(byte[] utf8, string sourceName)
    {
        if (utf8 is null)
        {
            throw new ArgumentNullException(nameof(utf8));
        }

        // A byte order mark changes nothing about the content (an editor may add one), so it is tolerated.
        int start = utf8.Length >= 3 && utf8[0] == 0xEF && utf8[1] == 0xBB && utf8[2] == 0xBF ? 3 : 0;
        string text;
        try
        {
            text = StrictUtf8.GetString(utf8, start, utf8.Length - start);
        }
        catch (DecoderFallbackException e)
        {
            throw new Crc64ManifestException(
                Crc64ErrorCodes.ManifestMalformed,
                $"{Crc64ErrorCodes.ManifestMalformed}: the manifest '{sourceName}' is not valid UTF-8. Regenerate it with a build or publish.",
                sourceName,
                innerException: e);
        }

        return Parse(text, sourceName);
    }

    /// <summary>Validates a manifest held as text.</summary>
    /// <param name="text">The JSON text.</param>
    /// <param name="sourceName">The name used in error messages.</param>
    /// <returns>The manifest.</returns>
    /// <exception cref="Crc64ManifestException">The content is malformed (<see cref="Crc64ErrorCodes.ManifestMalformed"/>).</exception>
    public static Crc64Manifest Parse(string text, string sourceName)
    {
        if (text is null)
        {
            throw new ArgumentNullException(nameof(text));
        }

        var validator = new Validator(sourceName);
        return validator.Validate(StrictJsonParser.Parse(text, sourceName));
    }

    private sealed class Validator(string source)
    {
        public Crc64Manifest Validate(StrictJsonNode root)
        {
            Dictionary<string, StrictJsonNode> top = Members(root, "the manifest", "schema", "algorithm", "files");
            string schema = StringValue(top["schema"], "\"schema\"");
            if (!string.Equals(schema, Crc64Manifest.SchemaId, StringComparison.Ordinal))
            {
                throw Error(top["schema"], $"\"schema\" is \"{schema}\", but this version of CrcBuildTools reads \"{Crc64Manifest.SchemaId}\"; use a CrcBuildTools version that matches the one that wrote the manifest");
            }

            string algorithm = StringValue(top["algorithm"], "\"algorithm\"");
            if (!string.Equals(algorithm, Crc64Manifest.AlgorithmName, StringComparison.Ordinal))
            {
                throw Error(top["algorithm"], $"\"algorithm\" is \"{algorithm}\"; the only supported algorithm is \"{Crc64Manifest.AlgorithmName}\"");
            }

            StrictJsonNode files = top["files"];
            if (files.Kind != StrictJsonKind.Array)
            {
                throw Error(files, $"\"files\" must be an array, not {files.Describe()}");
            }

            var entries = new List<Crc64ManifestEntry>(files.Items.Count);
            string? previous = null;
            foreach (StrictJsonNode file in files.Items)
            {
                Crc64ManifestEntry entry = Entry(file);
                if (previous is not null)
                {
                    int order = string.CompareOrdinal(previous, entry.Path);
                    if (order == 0)
                    {
                        throw Error(file, $"the path \"{entry.Path}\" is listed twice");
                    }

                    if (order > 0)
                    {
                        throw Error(file, $"\"{entry.Path}\" comes after \"{previous}\", but files are sorted by ordinal path; the manifest was edited by hand");
                    }
                }

                previous = entry.Path;
                entries.Add(entry);
            }

            return new Crc64Manifest(entries);
        }

        private Crc64ManifestEntry Entry(StrictJsonNode file)
        {
            Dictionary<string, StrictJsonNode> fields = Members(file, "a file entry", "path", "length", "crc64");
            string path = StringValue(fields["path"], "\"path\"");
            string? pathProblem = ManifestPath.Validate(path);
            if (pathProblem is not null)
            {
                throw Error(fields["path"], pathProblem.TrimEnd('.'));
            }

            StrictJsonNode lengthNode = fields["length"];
            if (lengthNode.Kind != StrictJsonKind.Number)
            {
                throw Error(lengthNode, $"\"length\" of \"{path}\" must be a number, not {lengthNode.Describe()}");
            }

            if (!IsDigits(lengthNode.Text) || !long.TryParse(lengthNode.Text, NumberStyles.None, CultureInfo.InvariantCulture, out long length))
            {
                throw Error(lengthNode, $"\"length\" of \"{path}\" is {lengthNode.Text}; it must be a whole number of bytes from 0 to {long.MaxValue}");
            }

            StrictJsonNode crcNode = fields["crc64"];
            if (crcNode.Kind != StrictJsonKind.String)
            {
                throw Error(crcNode, $"\"crc64\" of \"{path}\" must be a decimal string such as \"11051210869376104954\", not {crcNode.Describe()} (JSON numbers lose precision past 2^53)");
            }

            string crcText = crcNode.Text;
            bool canonical = IsDigits(crcText) && (crcText.Length == 1 || crcText[0] != '0');
            if (!canonical || !ulong.TryParse(crcText, NumberStyles.None, CultureInfo.InvariantCulture, out ulong crc))
            {
                throw Error(crcNode, $"\"crc64\" of \"{path}\" is \"{crcText}\"; it must be an unsigned decimal integer without leading zeros, from 0 to 18446744073709551615");
            }

            return new Crc64ManifestEntry(path, length, crc);
        }

        private Dictionary<string, StrictJsonNode> Members(StrictJsonNode node, string what, params string[] required)
        {
            if (node.Kind != StrictJsonKind.Object)
            {
                throw Error(node, $"{what} must be a JSON object, not {node.Describe()}");
            }

            var result = new Dictionary<string, StrictJsonNode>(StringComparer.Ordinal);
            foreach (KeyValuePair<string, StrictJsonNode> member in node.Members)
            {
                if (Array.IndexOf(required, member.Key) < 0)
                {
                    throw Error(member.Value, $"{what} has an unknown property \"{member.Key}\"; the allowed properties are {string.Join(", ", required)}");
                }

                result[member.Key] = member.Value;
            }

            foreach (string name in required)
            {
                if (!result.ContainsKey(name))
                {
                    throw Error(node, $"{what} lacks the required property \"{name}\"");
                }
            }

            return result;
        }

        private string StringValue(StrictJsonNode node, string what) =>
            node.Kind == StrictJsonKind.String ? node.Text : throw Error(node, $"{what} must be a string, not {node.Describe()}");

        private Crc64ManifestException Error(StrictJsonNode node, string problem) =>
            new(
                Crc64ErrorCodes.ManifestMalformed,
                $"{Crc64ErrorCodes.ManifestMalformed}: the manifest '{source}' is invalid at line {node.Line}, column {node.Column}: {problem}. " +
                "Regenerate the manifest with a build or publish instead of editing it by hand.",
                source,
                node.Line,
                node.Column);

        private static bool IsDigits(string text)
        {
            if (text.Length == 0)
            {
                return false;
            }

            foreach (char c in text)
            {
                if (c is < '0' or > '9')
                {
                    return false;
                }
            }

            return true;
        }
    }
}
