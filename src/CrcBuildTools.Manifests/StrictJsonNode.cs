using System.Collections.Generic;

namespace CrcBuildTools.Manifests;

/// <summary>The kinds of JSON value the strict parser distinguishes.</summary>
internal enum StrictJsonKind
{
    Object,
    Array,
    String,
    Number,
    True,
    False,
    Null,
}

/// <summary>A parsed JSON value with the position it started at, so schema errors can point at it.</summary>
internal sealed class StrictJsonNode
{
    public StrictJsonNode(StrictJsonKind kind, int line, int column)
    {
        Kind = kind;
        Line = line;
        Column = column;
    }

    public StrictJsonKind Kind { get; }

    public int Line { get; }

    public int Column { get; }

    /// <summary>The decoded string, or the number exactly as written.</summary>
    public string Text { get; set; } = string.Empty;

    /// <summary>Object members in document order (duplicates are rejected by the parser).</summary>
    public List<KeyValuePair<string, StrictJsonNode>> Members { get; } = new();

    /// <summary>Array items in document order.</summary>
    public List<StrictJsonNode> Items { get; } = new();

    public string Describe() => Kind switch
    {
        StrictJsonKind.Object => "an object",
        StrictJsonKind.Array => "an array",
        StrictJsonKind.String => "a string",
        StrictJsonKind.Number => "a number",
        StrictJsonKind.Null => "null",
        _ => "a boolean",
    };
}
