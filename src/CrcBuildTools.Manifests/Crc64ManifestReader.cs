using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using System.Threading;

namespace CrcBuildTools.Manifests;

/// <summary>
/// Reads manifests strictly. Anything a writer would never produce is rejected with
/// <see cref="Crc64ErrorCodes.ManifestMalformed"/> and the line and column of the problem: unknown or missing
/// fields, a CRC that is not a canonical decimal string, a negative or fractional length, unsorted or duplicate
/// paths, and paths that are absolute or climb out with <c>..</c>. A verifier that guessed would hide tampering.
/// </summary>
/// <remarks>
/// The manifest is streamed: entries are checked as they are read, through a 64 KiB buffer, and no text or document
/// tree is kept. Memory is the entries themselves (about 2 bytes per path character plus ~100 bytes per file; at most
/// about twice the manifest's size), and a malformed manifest is refused at its first problem without reading on.
/// </remarks>
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
    public static Crc64Manifest Read(string path) => Read(path, CancellationToken.None);

    /// <summary>Reads and validates a manifest file, stopping between buffers when cancelled.</summary>
    /// <param name="path">The manifest file (a pipe such as <c>/dev/fd/63</c> works too: it is read as a stream).</param>
    /// <param name="cancellationToken">Stops the read.</param>
    /// <returns>The manifest.</returns>
    /// <exception cref="Crc64ManifestException">
    /// The file is missing or unreadable (<see cref="Crc64ErrorCodes.ManifestUnreadable"/>) or malformed
    /// (<see cref="Crc64ErrorCodes.ManifestMalformed"/>).
    /// </exception>
    public static Crc64Manifest Read(string path, CancellationToken cancellationToken)
    {
        if (path is null)
        {
            throw new ArgumentNullException(nameof(path));
        }

        FileStream file;
        try
        {
            file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 64 * 1024, FileOptions.SequentialScan);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            string reason = e is FileNotFoundException or DirectoryNotFoundException ? "it does not exist" : e.Message;
            throw Unreadable(path, reason, e);
        }

        using (file)
        {
            try
            {
                return Parse(new StreamReader(file, StrictUtf8, detectEncodingFromByteOrderMarks: false), path, cancellationToken);
            }
            catch (IOException e)
            {
                throw Unreadable(path, e.Message, e);
            }
        }
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

        return Parse(new StreamReader(new MemoryStream(utf8, writable: false), StrictUtf8, detectEncodingFromByteOrderMarks: false), sourceName, CancellationToken.None);
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

        return Parse(new StringReader(text), sourceName, CancellationToken.None);
    }

    private static Crc64Manifest Parse(TextReader text, string sourceName, CancellationToken cancellationToken)
    {
        var json = new StrictJsonReader(text, sourceName, cancellationToken);
        json.SkipByteOrderMark();
        return new Validator(json, sourceName).ReadManifest();
    }

    private static Crc64ManifestException Unreadable(string path, string reason, Exception inner) =>
        new(
            Crc64ErrorCodes.ManifestUnreadable,
            $"Cannot read the manifest '{path}': {reason}. Pass the path of a *.crc64.json file written by a CrcBuildTools build or publish.",
            path,
            innerException: inner);

    /// <summary>A value's kind and where it starts: enough to point an error at it after the value was read.</summary>
    private readonly struct Position(JsonValueKind kind, int line, int column)
    {
        public JsonValueKind Kind { get; } = kind;

        public int Line { get; } = line;

        public int Column { get; } = column;
    }

    /// <summary>Walks the one shape a manifest may have, checking each entry as soon as it has been read.</summary>
    private sealed class Validator(StrictJsonReader json, string source)
    {
        private static readonly string[] TopLevel = { "schema", "algorithm", "files" };
        private static readonly string[] EntryFields = { "path", "length", "crc64" };

        private readonly List<Crc64ManifestEntry> _entries = new();
        private string? _previousPath;

        public Crc64Manifest ReadManifest()
        {
            json.SkipWhitespace();
            Position root = Here();
            if (root.Kind != JsonValueKind.Object)
            {
                json.ReadScalar(root.Kind);
                throw Error(root, $"the manifest must be a JSON object, not {StrictJsonReader.Describe(root.Kind)}");
            }

            (string Text, Position At)? schema = null;
            (string Text, Position At)? algorithm = null;
            bool hasFiles = false;
            void CheckHeader()
            {
                // Checked once the header has been read, before any entry: a manifest of another version gets that
                // message, not a complaint about a field that version has. (Not earlier: a duplicated key is worse.)
                if (schema is { } s && !string.Equals(s.Text, Crc64Manifest.SchemaId, StringComparison.Ordinal))
                {
                    throw Error(s.At, $"\"schema\" is \"{s.Text}\", but this version of CrcBuildTools reads \"{Crc64Manifest.SchemaId}\"; use a CrcBuildTools version that matches the one that wrote the manifest");
                }

                if (algorithm is { } a && !string.Equals(a.Text, Crc64Manifest.AlgorithmName, StringComparison.Ordinal))
                {
                    throw Error(a.At, $"\"algorithm\" is \"{a.Text}\"; the only supported algorithm is \"{Crc64Manifest.AlgorithmName}\"");
                }
            }

            json.TryConsume('{');
            int seen = 0;
            while (NextMember("the manifest", TopLevel, ref seen, out Position value) is int member && member >= 0)
            {
                switch (member)
                {
                    case 0:
                        schema = (StringValue(value, "\"schema\""), value);
                        break;
                    case 1:
                        algorithm = (StringValue(value, "\"algorithm\""), value);
                        break;
                    default:
                        if (value.Kind != JsonValueKind.Array)
                        {
                            json.ReadScalar(value.Kind);
                            throw Error(value, $"\"files\" must be an array, not {StrictJsonReader.Describe(value.Kind)}");
                        }

                        CheckHeader();
                        ReadFiles();
                        hasFiles = true;
                        break;
                }
            }

            foreach (string required in TopLevel)
            {
                bool present = required switch { "schema" => schema is not null, "algorithm" => algorithm is not null, _ => hasFiles };
                if (!present)
                {
                    throw Error(root, $"the manifest lacks the required property \"{required}\"");
                }
            }

            CheckHeader();
            json.SkipWhitespace();
            if (!json.AtEnd)
            {
                throw json.SyntaxError("unexpected text after the end of the JSON document");
            }

            return Crc64Manifest.FromSortedUnique(_entries);
        }

        private void ReadFiles()
        {
            json.TryConsume('[');
            json.SkipWhitespace();
            if (json.TryConsume(']'))
            {
                return;
            }

            while (true)
            {
                json.SkipWhitespace();
                if (!json.AtEnd && json.Peek() == ']')
                {
                    throw json.SyntaxError("a trailing comma before ']' is not allowed");
                }

                Position entry = Here();
                if (entry.Kind != JsonValueKind.Object)
                {
                    json.ReadScalar(entry.Kind);
                    throw Error(entry, $"a file entry must be a JSON object, not {StrictJsonReader.Describe(entry.Kind)}");
                }

                AddEntry(ReadEntry(entry), entry);
                json.SkipWhitespace();
                if (json.TryConsume(']'))
                {
                    return;
                }

                json.Expect(',', "expected ',' or ']' after an array item");
            }
        }

        private Crc64ManifestEntry ReadEntry(Position entry)
        {
            (string Text, Position At)? path = null, length = null, crc = null;
            json.TryConsume('{');
            int seen = 0;
            while (NextMember("a file entry", EntryFields, ref seen, out Position value) is int member && member >= 0)
            {
                // Any kind is read here and judged below, in the order path, length, crc64.
                string text = value.Kind switch
                {
                    JsonValueKind.String => json.ReadString(),
                    JsonValueKind.Number => json.ReadNumber(),
                    JsonValueKind.Object or JsonValueKind.Array => throw Error(value, $"\"{EntryFields[member]}\" must be {(member == 1 ? "a number" : "a string")}, not {StrictJsonReader.Describe(value.Kind)}"),
                    _ => ReadLiteralText(),
                };
                switch (member)
                {
                    case 0: path = (text, value); break;
                    case 1: length = (text, value); break;
                    default: crc = (text, value); break;
                }
            }

            string? absent = path is null ? "path" : length is null ? "length" : crc is null ? "crc64" : null;
            if (absent is not null)
            {
                throw Error(entry, $"a file entry lacks the required property \"{absent}\"");
            }

            var (pathText, pathAt) = path!.Value;
            if (pathAt.Kind != JsonValueKind.String)
            {
                throw Error(pathAt, $"\"path\" must be a string, not {StrictJsonReader.Describe(pathAt.Kind)}");
            }

            string? pathProblem = ManifestPath.Validate(pathText);
            if (pathProblem is not null)
            {
                throw Error(pathAt, pathProblem.TrimEnd('.'));
            }

            var (lengthText, lengthAt) = length!.Value;
            if (lengthAt.Kind != JsonValueKind.Number)
            {
                throw Error(lengthAt, $"\"length\" of \"{pathText}\" must be a number, not {StrictJsonReader.Describe(lengthAt.Kind)}");
            }

            if (!IsDigits(lengthText) || !long.TryParse(lengthText, NumberStyles.None, CultureInfo.InvariantCulture, out long lengthValue))
            {
                throw Error(lengthAt, $"\"length\" of \"{pathText}\" is {lengthText}; it must be a whole number of bytes from 0 to {long.MaxValue}");
            }

            var (crcText, crcAt) = crc!.Value;
            if (crcAt.Kind != JsonValueKind.String)
            {
                throw Error(crcAt, $"\"crc64\" of \"{pathText}\" must be a decimal string such as \"11051210869376104954\", not {StrictJsonReader.Describe(crcAt.Kind)} (JSON numbers lose precision past 2^53)");
            }

            bool canonical = IsDigits(crcText) && (crcText.Length == 1 || crcText[0] != '0');
            if (!canonical || !ulong.TryParse(crcText, NumberStyles.None, CultureInfo.InvariantCulture, out ulong crcValue))
            {
                throw Error(crcAt, $"\"crc64\" of \"{pathText}\" is \"{crcText}\"; it must be an unsigned decimal integer without leading zeros, from 0 to 18446744073709551615");
            }

            return Crc64ManifestEntry.Trusted(pathText, lengthValue, crcValue);
        }

        private void AddEntry(Crc64ManifestEntry entry, Position at)
        {
            if (_previousPath is not null)
            {
                int order = string.CompareOrdinal(_previousPath, entry.Path);
                if (order == 0)
                {
                    throw Error(at, $"the path \"{entry.Path}\" is listed twice");
                }

                if (order > 0)
                {
                    throw Error(at, $"\"{entry.Path}\" comes after \"{_previousPath}\", but files are sorted by ordinal path; the manifest was edited by hand");
                }
            }

            _previousPath = entry.Path;
            _entries.Add(entry);
        }

        /// <summary>
        /// Steps to the next member of the object whose '{' was consumed: returns the index of its name in
        /// <paramref name="allowed"/> with the reader at its value, or -1 at the closing '}'. Unknown and duplicate
        /// names are refused where they stand; <paramref name="seen"/> carries the names met so far as bits.
        /// </summary>
        private int NextMember(string what, string[] allowed, ref int seen, out Position value)
        {
            value = default;
            json.SkipWhitespace();
            if (json.TryConsume('}'))
            {
                return -1;
            }

            if (seen != 0)
            {
                json.Expect(',', "expected ',' or '}' after a property value");
                json.SkipWhitespace();
            }

            if (json.AtEnd || json.Peek() != '"')
            {
                throw json.SyntaxError(!json.AtEnd && json.Peek() == '}' ? "a trailing comma before '}' is not allowed" : "expected a property name in double quotes");
            }

            int nameLine = json.Line;
            int nameColumn = json.Column;
            int index = json.ReadKnownString(allowed, out string name);
            if (index >= 0 && (seen & (1 << index)) != 0)
            {
                throw json.SyntaxError($"the property \"{name}\" appears twice in the same object", nameLine, nameColumn);
            }

            json.SkipWhitespace();
            json.Expect(':', "expected ':' after a property name");
            json.SkipWhitespace();
            value = Here();
            if (index < 0)
            {
                throw Error(value, $"{what} has an unknown property \"{name}\"; the allowed properties are {string.Join(", ", allowed)}");
            }

            seen |= 1 << index;
            return index;
        }

        private string StringValue(Position value, string what)
        {
            if (value.Kind != JsonValueKind.String)
            {
                json.ReadScalar(value.Kind);
                throw Error(value, $"{what} must be a string, not {StrictJsonReader.Describe(value.Kind)}");
            }

            return json.ReadString();
        }

        private string ReadLiteralText()
        {
            json.ReadLiteral();
            return string.Empty;
        }

        private Position Here() => new(json.PeekValueKind(), json.Line, json.Column);

        internal Crc64ManifestException Error(Position at, string problem) =>
            new(
                Crc64ErrorCodes.ManifestMalformed,
                $"The manifest '{source}' is invalid at line {at.Line}, column {at.Column}: {problem}. " +
                "Regenerate the manifest with a build or publish instead of editing it by hand.",
                source,
                at.Line,
                at.Column);

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
