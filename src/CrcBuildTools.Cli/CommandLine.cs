using System;
using System.Collections.Generic;
using System.Globalization;
using CrcBuildTools.Cli.Names;
using CrcBuildTools.Manifests;

namespace CrcBuildTools.Cli;

/// <summary>
/// A command's arguments, the one parser of every command: flags, options with a value (<c>--region X</c> or
/// <c>--region=X</c>) and operands, checked against what the command accepts, so a typo is a usage error (exit 2) and
/// never silently ignored. <c>--</c> ends the options; <c>-</c> and a name whose bytes are not UTF-8 are always
/// operands, and operands keep their raw bytes (<see cref="InputName"/>) for the commands that open them as files.
/// </summary>
internal sealed class CommandLine
{
    private readonly Dictionary<string, string?> _values = new(StringComparer.Ordinal);

    private CommandLine(string command) => Command = command;

    public string Command { get; }

    /// <summary>The operands, with the raw bytes of names that are not UTF-8.</summary>
    public List<InputName> Operands { get; } = new();

    /// <summary>The operands as text, for commands whose operands are URLs and folders.</summary>
    public List<string> Positionals => Operands.ConvertAll(static o => o.Text);

    /// <summary>Parses text arguments (the storage commands).</summary>
    public static CommandLine Parse(string command, string[] args, string[] flags, string[] options) =>
        Parse(command, Array.ConvertAll(args, static a => new InputName(a)), flags, options);

    /// <summary>Parses arguments.</summary>
    /// <param name="command">The command, for messages.</param>
    /// <param name="args">The command's arguments.</param>
    /// <param name="flags">Options without a value.</param>
    /// <param name="options">Options with a value.</param>
    /// <param name="emptyOperandHint">When set, an empty operand (never a file name) is a usage error with this text.</param>
    public static CommandLine Parse(string command, IReadOnlyList<InputName> args, string[] flags, string[] options, string? emptyOperandHint = null)
    {
        var line = new CommandLine(command);
        bool optionsEnded = false;
        for (int i = 0; i < args.Count; i++)
        {
            string arg = args[i].Text;
            if (optionsEnded || args[i].InvalidUtf8Bytes is not null || !arg.StartsWith("--", StringComparison.Ordinal))
            {
                if (arg.Length == 0 && emptyOperandHint is not null)
                {
                    throw new UsageException(emptyOperandHint);
                }

                line.Operands.Add(args[i]);
                continue;
            }

            if (arg == "--")
            {
                optionsEnded = true;
                continue;
            }

            int equals = arg.IndexOf('=');
            string name = equals > 0 ? arg.Substring(0, equals) : arg;
            if (Array.IndexOf(flags, name) >= 0 && equals < 0)
            {
                line._values[name] = null;
            }
            else if (Array.IndexOf(options, name) >= 0)
            {
                string? value = equals > 0 ? arg.Substring(equals + 1) : i + 1 < args.Count ? args[++i].Text : null;
                line._values[name] = value ?? throw new UsageException($"'{name}' needs a value.");
            }
            else
            {
                string known = string.Join(", ", flags) + (flags.Length > 0 && options.Length > 0 ? ", " : "") + string.Join(", ", options);
                throw new UsageException($"unknown option '{DisplayText.Of(name)}' for '{command}'. Options: {known}.");
            }
        }

        return line;
    }

    public bool Has(string flag) => _values.ContainsKey(flag);

    public string? Value(string option) => _values.TryGetValue(option, out string? value) ? value : null;

    public int Int(string option, int fallback, int min, int max)
    {
        string? text = Value(option);
        if (text is null)
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value) && value >= min && value <= max
            ? value
            : throw new UsageException($"{option} must be a whole number from {min} to {max}, not '{text}'.");
    }

    /// <summary>A byte count with an optional K/M/G suffix (powers of 1024).</summary>
    public long Bytes(string option, long fallback)
    {
        string? text = Value(option);
        if (text is null)
        {
            return fallback;
        }

        string digits = text.TrimEnd('k', 'K', 'm', 'M', 'g', 'G', 'i', 'B');
        long unit = text.Length == digits.Length ? 1 : char.ToUpperInvariant(text[digits.Length]) switch { 'K' => 1024, 'M' => 1024 * 1024, _ => 1024L * 1024 * 1024 };
        return long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out long value) && value > 0 && value <= long.MaxValue / unit
            ? value * unit
            : throw new UsageException($"{option} must be a byte count such as 8388608, 8M or 1G, not '{text}'.");
    }

    /// <summary>A duration such as <c>90s</c>, <c>30m</c>, <c>12h</c>, <c>1d</c> (a bare number is seconds).</summary>
    public TimeSpan? Duration(string option)
    {
        string? text = Value(option);
        if (text is null)
        {
            return null;
        }

        char last = text.Length > 0 ? char.ToLowerInvariant(text[text.Length - 1]) : ' ';
        string digits = char.IsLetter(last) ? text.Substring(0, text.Length - 1) : text;
        if (!double.TryParse(digits, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double value) || value < 0)
        {
            throw new UsageException($"{option} must be a duration such as 90s, 30m, 12h or 1d, not '{text}'.");
        }

        if (!char.IsLetter(last) || last == 's')
        {
            return TimeSpan.FromSeconds(value);
        }

        return last switch
        {
            'd' => TimeSpan.FromDays(value),
            'h' => TimeSpan.FromHours(value),
            'm' => TimeSpan.FromMinutes(value),
            _ => throw new UsageException($"{option} must end in s, m, h or d, not '{text}'."),
        };
    }
}
