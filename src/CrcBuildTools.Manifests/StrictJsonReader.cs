using System;
using System.Globalization;
using System.IO;
using System.Text;
using System.Threading;

namespace CrcBuildTools.Manifests;

/// <summary>The kinds of JSON value, as told by the first character of the value.</summary>
internal enum JsonValueKind
{
    Object,
    Array,
    String,
    Number,
    Boolean,
    Null,
}

/// <summary>
/// A forward-only RFC 8259 tokenizer that accepts nothing else (no comments, no trailing commas, no single quotes,
/// no NaN) and knows the line and column of every value, so a hand-edited manifest gets an error that points at the
/// exact place. It reads through a fixed 64 KiB buffer and keeps no document tree: a manifest of any size is read in
/// memory proportional to its entries, never to its text. Hand-written so the .NET Framework task carries no JSON
/// library into Visual Studio.
/// </summary>
internal sealed class StrictJsonReader
{
    /// <summary>Longer than any path an operating system accepts (Windows: 32,767), short enough to bound memory.</summary>
    public const int MaxStringLength = 65_536;

    private const int BufferSize = 64 * 1024;

    private readonly TextReader _reader;
    private readonly string _source;
    private readonly CancellationToken _cancellationToken;
    private readonly char[] _buffer = new char[BufferSize];
    private char[] _chars = new char[256];
    private int _count;
    private int _length;
    private int _index;
    private bool _ended;
    private long _consumedBeforeBuffer;
    private long _lineStart;

    public StrictJsonReader(TextReader reader, string source, CancellationToken cancellationToken)
    {
        _reader = reader;
        _source = source;
        _cancellationToken = cancellationToken;
        Line = 1;
    }

    /// <summary>1-based line of the next character.</summary>
    public int Line { get; private set; }

    /// <summary>1-based column (in UTF-16 code units) of the next character.</summary>
    public int Column => (int)Math.Min(int.MaxValue, _consumedBeforeBuffer + _index - _lineStart + 1);

    /// <summary>Skips a byte order mark at the very start (an editor may add one; it changes nothing about the content).</summary>
    public void SkipByteOrderMark()
    {
        if (Peek() == '\uFEFF')
        {
            _index++;
            _lineStart++;
        }
    }

    /// <summary>The next character without consuming it; <c>'\0'</c> at the end (a real NUL is told apart by <see cref="AtEnd"/>).</summary>
    public char Peek() => _index < _length || Fill() ? _buffer[_index] : '\0';

    public bool AtEnd => _index >= _length && !Fill();

    public void SkipWhitespace()
    {
        while (!AtEnd)
        {
            char c = _buffer[_index];
            if (c == '\n')
            {
                _index++;
                Line++;
                _lineStart = _consumedBeforeBuffer + _index;
            }
            else if (c is ' ' or '\t' or '\r')
            {
                _index++;
            }
            else
            {
                return;
            }
        }
    }

    /// <summary>Consumes <paramref name="expected"/> or throws a syntax error with <paramref name="message"/>.</summary>
    public void Expect(char expected, string message)
    {
        if (AtEnd || Peek() != expected)
        {
            throw SyntaxError(message);
        }

        _index++;
    }

    /// <summary>Consumes the next character if it is <paramref name="c"/>.</summary>
    public bool TryConsume(char c)
    {
        if (!AtEnd && Peek() == c)
        {
            _index++;
            return true;
        }

        return false;
    }

    /// <summary>What kind of value starts here, without consuming it; a syntax error if no value can start here.</summary>
    public JsonValueKind PeekValueKind()
    {
        if (AtEnd)
        {
            throw SyntaxError("the document ends where a value was expected");
        }

        char c = Peek();
        return c switch
        {
            '{' => JsonValueKind.Object,
            '[' => JsonValueKind.Array,
            '"' => JsonValueKind.String,
            't' or 'f' => JsonValueKind.Boolean,
            'n' => JsonValueKind.Null,
            '-' or (>= '0' and <= '9') => JsonValueKind.Number,
            _ => throw SyntaxError($"unexpected character {Show(c)} where a value was expected"),
        };
    }

    /// <summary>Reads a string value (the opening quote is next) and returns it decoded.</summary>
    public string ReadString()
    {
        ReadStringIntoBuffer();
        return new string(_chars, 0, _count);
    }

    private bool BufferEquals(string candidate)
    {
        if (_count != candidate.Length)
        {
            return false;
        }

        for (int i = 0; i < candidate.Length; i++)
        {
            if (_chars[i] != candidate[i])
            {
                return false;
            }
        }

        return true;
    }

    private void ReadStringIntoBuffer()
    {
        _index++; // opening quote
        _count = 0;
        while (true)
        {
            if (AtEnd)
            {
                throw SyntaxError("a string is not closed with '\"'");
            }

            char c = _buffer[_index];
            if (c == '"')
            {
                _index++;
                return;
            }

            if (_count >= MaxStringLength)
            {
                throw SyntaxError($"a string is longer than {MaxStringLength.ToString("N0", CultureInfo.InvariantCulture)} characters, far beyond any file path");
            }

            if (c < ' ')
            {
                throw SyntaxError(c == '\n' ? "a string is not closed before the end of the line" : $"the control character {Show(c)} must be escaped inside a string");
            }

            _index++;
            if (c != '\\')
            {
                Append(c);
                continue;
            }

            ReadEscape();
        }
    }

    /// <summary>
    /// Reads a string that is expected to be one of <paramref name="known"/> (property names): returns its index and
    /// that very string, so the common case allocates nothing; -1 and a new string otherwise.
    /// </summary>
    public int ReadKnownString(string[] known, out string value)
    {
        ReadStringIntoBuffer();
        for (int i = 0; i < known.Length; i++)
        {
            if (BufferEquals(known[i]))
            {
                value = known[i];
                return i;
            }
        }

        value = new string(_chars, 0, _count);
        return -1;
    }

    /// <summary>Reads a number value and returns it exactly as written.</summary>
    public string ReadNumber()
    {
        _count = 0;
        TakeIf('-');
        if (TakeIf('0'))
        {
            if (Peek() is >= '0' and <= '9' && !AtEnd)
            {
                throw SyntaxError("numbers cannot have leading zeros");
            }
        }
        else if (!TakeDigits())
        {
            throw SyntaxError("a '-' must be followed by digits");
        }

        if (TakeIf('.') && !TakeDigits())
        {
            throw SyntaxError("a '.' in a number must be followed by digits");
        }

        if (TakeIf('e') || TakeIf('E'))
        {
            if (!TakeIf('+'))
            {
                TakeIf('-');
            }

            if (!TakeDigits())
            {
                throw SyntaxError("an exponent must have digits");
            }
        }

        return new string(_chars, 0, _count);
    }

    /// <summary>Reads <c>true</c>, <c>false</c> or <c>null</c>.</summary>
    public void ReadLiteral()
    {
        string literal = Peek() switch { 't' => "true", 'f' => "false", _ => "null" };
        foreach (char expected in literal)
        {
            if (AtEnd || Peek() != expected)
            {
                throw SyntaxError("unexpected word where a value was expected (strings need double quotes)");
            }

            _index++;
        }
    }

    /// <summary>Reads a scalar value of any kind, so that a value of the wrong kind is still checked for valid JSON first.</summary>
    public void ReadScalar(JsonValueKind kind)
    {
        switch (kind)
        {
            case JsonValueKind.String: ReadString(); break;
            case JsonValueKind.Number: ReadNumber(); break;
            case JsonValueKind.Boolean or JsonValueKind.Null: ReadLiteral(); break;
        }
    }

    public Crc64ManifestException SyntaxError(string problem) => SyntaxError(problem, Line, Column);

    public Crc64ManifestException SyntaxError(string problem, int line, int column)
    {
        string detail = AtEnd ? problem + " (at the end of the file)" : problem;
        return new Crc64ManifestException(
            Crc64ErrorCodes.ManifestMalformed,
            $"The manifest '{_source}' is not valid JSON at line {line}, column {column}: {detail}. " +
            "Regenerate the manifest with a build or publish instead of editing it by hand.",
            _source,
            line,
            column);
    }

    public static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.Null => "null",
        _ => "a boolean",
    };

    private void ReadEscape()
    {
        int escapeColumn = Column - 1;
        char escape = AtEnd ? '\0' : _buffer[_index];
        if (!AtEnd)
        {
            _index++;
        }

        switch (escape)
        {
            case '"': Append('"'); break;
            case '\\': Append('\\'); break;
            case '/': Append('/'); break;
            case 'b': Append('\b'); break;
            case 'f': Append('\f'); break;
            case 'n': Append('\n'); break;
            case 'r': Append('\r'); break;
            case 't': Append('\t'); break;
            case 'u':
                int code = 0;
                for (int i = 0; i < 4; i++)
                {
                    int digit = AtEnd ? -1 : HexValue(Peek());
                    if (digit < 0)
                    {
                        throw SyntaxError("'\\u' must be followed by four hex digits", Line, escapeColumn);
                    }

                    code = (code * 16) + digit;
                    _index++;
                }

                Append((char)code);
                break;
            default:
                throw SyntaxError($"'\\{(escape == '\0' ? string.Empty : escape.ToString())}' is not a JSON escape", Line, escapeColumn);
        }
    }

    // A plain array, reused for every string: StringBuilder.Clear() on a grown builder allocates its capacity afresh.
    private void Append(char c)
    {
        if (_count == _chars.Length)
        {
            Array.Resize(ref _chars, _chars.Length * 2);
        }

        _chars[_count++] = c;
    }

    private bool TakeIf(char c)
    {
        if (!AtEnd && Peek() == c)
        {
            Append(c);
            _index++;
            return true;
        }

        return false;
    }

    private bool TakeDigits()
    {
        int start = _count;
        while (!AtEnd && Peek() is >= '0' and <= '9')
        {
            if (_count >= MaxStringLength)
            {
                throw SyntaxError("a number has too many digits");
            }

            Append(Peek());
            _index++;
        }

        return _count > start;
    }

    private bool Fill()
    {
        if (_ended)
        {
            return false;
        }

        _cancellationToken.ThrowIfCancellationRequested();
        _consumedBeforeBuffer += _length;
        _index = 0;
        try
        {
            _length = _reader.Read(_buffer, 0, _buffer.Length);
        }
        catch (DecoderFallbackException e)
        {
            throw new Crc64ManifestException(
                Crc64ErrorCodes.ManifestMalformed,
                $"The manifest '{_source}' is not valid UTF-8 (after line {Line}). Regenerate it with a build or publish.",
                _source,
                Line,
                innerException: e);
        }

        _ended = _length == 0;
        return !_ended;
    }

    private static int HexValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };

    private static string Show(char c) => c < ' ' ? "U+" + ((int)c).ToString("X4", CultureInfo.InvariantCulture) : "'" + c + "'";
}
