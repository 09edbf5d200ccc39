using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace CrcBuildTools.Manifests;

/// <summary>
/// An RFC 8259 JSON parser that accepts nothing else: no comments, no trailing commas, no single quotes, no
/// duplicate keys, no NaN. It tracks line and column for every value so a hand-edited manifest gets an error that
/// points at the exact place. Hand-written so the .NET Framework task carries no JSON library into Visual Studio.
/// </summary>
internal sealed class StrictJsonParser
{
    private const int MaxDepth = 16;

    private readonly string _text;
    private readonly string _source;
    private int _position;
    private int _line = 1;
    private int _lineStart;

    private StrictJsonParser(string text, string source)
    {
        _text = text;
        _source = source;
    }

    /// <summary>Parses one JSON document.</summary>
    /// <param name="text">The document.</param>
    /// <param name="source">The file name, for error messages.</param>
    /// <returns>The root value.</returns>
    /// <exception cref="Crc64ManifestException">The text is not valid JSON.</exception>
    public static StrictJsonNode Parse(string text, string source)
    {
        var parser = new StrictJsonParser(text, source);
        parser.SkipWhitespace();
        StrictJsonNode root = parser.ParseValue(0);
        parser.SkipWhitespace();
        if (parser._position < text.Length)
        {
            throw parser.Error("unexpected text after the end of the JSON document");
        }

        return root;
    }

    private int Column => _position - _lineStart + 1;

    private StrictJsonNode ParseValue(int depth)
    {
        if (_position >= _text.Length)
        {
            throw Error("the document ends where a value was expected");
        }

        if (depth > MaxDepth)
        {
            throw Error("the JSON is nested too deeply for a manifest");
        }

        char c = _text[_position];
        return c switch
        {
            '{' => ParseObject(depth),
            '[' => ParseArray(depth),
            '"' => ParseStringNode(),
            't' => ParseLiteral("true", StrictJsonKind.True),
            'f' => ParseLiteral("false", StrictJsonKind.False),
            'n' => ParseLiteral("null", StrictJsonKind.Null),
            '-' or (>= '0' and <= '9') => ParseNumber(),
            _ => throw Error($"unexpected character {Show(c)} where a value was expected"),
        };
    }

    private StrictJsonNode ParseObject(int depth)
    {
        var node = new StrictJsonNode(StrictJsonKind.Object, _line, Column);
        _position++;
        SkipWhitespace();
        if (Peek() == '}')
        {
            _position++;
            return node;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (true)
        {
            SkipWhitespace();
            if (Peek() != '"')
            {
                throw Error(Peek() == '}' ? "a trailing comma before '}' is not allowed" : "expected a property name in double quotes");
            }

            int nameLine = _line;
            int nameColumn = Column;
            string name = ParseString();
            if (!seen.Add(name))
            {
                throw new Crc64ManifestException(
                    Crc64ErrorCodes.ManifestMalformed,
                    Message(nameLine, nameColumn, $"the property \"{name}\" appears twice in the same object"),
                    _source,
                    nameLine,
                    nameColumn);
            }

            SkipWhitespace();
            Expect(':', "expected ':' after a property name");
            SkipWhitespace();
            node.Members.Add(new KeyValuePair<string, StrictJsonNode>(name, ParseValue(depth + 1)));
            SkipWhitespace();
            char next = Peek();
            _position++;
            if (next == '}')
            {
                return node;
            }

            if (next != ',')
            {
                _position--;
                throw Error("expected ',' or '}' after a property value");
            }
        }
    }

    private StrictJsonNode ParseArray(int depth)
    {
        var node = new StrictJsonNode(StrictJsonKind.Array, _line, Column);
        _position++;
        SkipWhitespace();
        if (Peek() == ']')
        {
            _position++;
            return node;
        }

        while (true)
        {
            SkipWhitespace();
            if (Peek() == ']')
            {
                throw Error("a trailing comma before ']' is not allowed");
            }

            node.Items.Add(ParseValue(depth + 1));
            SkipWhitespace();
            char next = Peek();
            _position++;
            if (next == ']')
            {
                return node;
            }

            if (next != ',')
            {
                _position--;
                throw Error("expected ',' or ']' after an array item");
            }
        }
    }

    private StrictJsonNode ParseStringNode()
    {
        var node = new StrictJsonNode(StrictJsonKind.String, _line, Column);
        node.Text = ParseString();
        return node;
    }

    private string ParseString()
    {
        _position++; // opening quote
        var builder = new StringBuilder();
        while (true)
        {
            if (_position >= _text.Length)
            {
                throw Error("a string is not closed with '\"'");
            }

            char c = _text[_position];
            if (c == '"')
            {
                _position++;
                return builder.ToString();
            }

            if (c < ' ')
            {
                throw Error(c == '\n' ? "a string is not closed before the end of the line" : $"the control character {Show(c)} must be escaped inside a string");
            }

            if (c != '\\')
            {
                builder.Append(c);
                _position++;
                continue;
            }

            _position++;
            char escape = Peek();
            _position++;
            switch (escape)
            {
                case '"': builder.Append('"'); break;
                case '\\': builder.Append('\\'); break;
                case '/': builder.Append('/'); break;
                case 'b': builder.Append('\b'); break;
                case 'f': builder.Append('\f'); break;
                case 'n': builder.Append('\n'); break;
                case 'r': builder.Append('\r'); break;
                case 't': builder.Append('\t'); break;
                case 'u':
                    if (_position + 4 > _text.Length ||
                        !ushort.TryParse(_text.Substring(_position, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out ushort code))
                    {
                        _position -= 2;
                        throw Error("'\\u' must be followed by four hex digits");
                    }

                    builder.Append((char)code);
                    _position += 4;
                    break;
                default:
                    _position -= 2;
                    throw Error($"'\\{(escape == '\0' ? string.Empty : escape.ToString())}' is not a JSON escape");
            }
        }
    }

    private StrictJsonNode ParseNumber()
    {
        var node = new StrictJsonNode(StrictJsonKind.Number, _line, Column);
        int start = _position;
        if (Peek() == '-')
        {
            _position++;
        }

        if (Peek() == '0')
        {
            _position++;
            if (char.IsDigit(Peek()))
            {
                throw Error("numbers cannot have leading zeros");
            }
        }
        else if (!ConsumeDigits())
        {
            throw Error("a '-' must be followed by digits");
        }

        if (Peek() == '.')
        {
            _position++;
            if (!ConsumeDigits())
            {
                throw Error("a '.' in a number must be followed by digits");
            }
        }

        if (Peek() is 'e' or 'E')
        {
            _position++;
            if (Peek() is '+' or '-')
            {
                _position++;
            }

            if (!ConsumeDigits())
            {
                throw Error("an exponent must have digits");
            }
        }

        node.Text = _text.Substring(start, _position - start);
        return node;
    }

    private bool ConsumeDigits()
    {
        int start = _position;
        while (Peek() is >= '0' and <= '9')
        {
            _position++;
        }

        return _position > start;
    }

    private StrictJsonNode ParseLiteral(string literal, StrictJsonKind kind)
    {
        var node = new StrictJsonNode(kind, _line, Column);
        if (string.CompareOrdinal(_text, _position, literal, 0, literal.Length) != 0)
        {
            throw Error("unexpected word where a value was expected (strings need double quotes)");
        }

        _position += literal.Length;
        return node;
    }

    private void SkipWhitespace()
    {
        while (_position < _text.Length)
        {
            char c = _text[_position];
            if (c == '\n')
            {
                _line++;
                _lineStart = _position + 1;
            }
            else if (c is not (' ' or '\t' or '\r'))
            {
                return;
            }

            _position++;
        }
    }

    private void Expect(char expected, string message)
    {
        if (Peek() != expected)
        {
            throw Error(message);
        }

        _position++;
    }

    private char Peek() => _position < _text.Length ? _text[_position] : '\0';

    private Crc64ManifestException Error(string problem)
    {
        string detail = _position >= _text.Length ? problem + " (at the end of the file)" : problem;
        return new Crc64ManifestException(Crc64ErrorCodes.ManifestMalformed, Message(_line, Column, detail), _source, _line, Column);
    }

    private string Message(int line, int column, string problem) =>
        $"{Crc64ErrorCodes.ManifestMalformed}: the manifest '{_source}' is not valid JSON at line {line}, column {column}: {problem}. " +
        "Regenerate the manifest with a build or publish instead of editing it by hand.";

    private static string Show(char c) => c < ' ' ? "U+" + ((int)c).ToString("X4", CultureInfo.InvariantCulture) : "'" + c + "'";
}
