using System;
using System.Collections.Generic;
using CrcBuildTools.Manifests;

namespace CrcBuildTools.Cli.Names;

/// <summary>
/// A command's arguments split into the options it knows and its operands: <c>--</c> ends the options, an unknown
/// <c>--option</c> and an empty argument (never a file name) are usage errors, and a name whose bytes are not UTF-8
/// is always an operand.
/// </summary>
internal sealed class CommandArguments
{
    private readonly HashSet<string> _options = new(StringComparer.Ordinal);

    private CommandArguments()
    {
    }

    public List<InputName> Operands { get; } = new();

    public bool Has(string option) => _options.Contains(option);

    public static CommandArguments Parse(string command, IEnumerable<InputName> arguments, string emptyArgumentHint, params string[] knownOptions)
    {
        var parsed = new CommandArguments();
        bool optionsEnded = false;
        foreach (InputName argument in arguments)
        {
            string arg = argument.Text;
            if (!optionsEnded && argument.InvalidUtf8Bytes is null && arg.StartsWith("--", StringComparison.Ordinal))
            {
                if (arg == "--")
                {
                    optionsEnded = true;
                }
                else if (Array.IndexOf(knownOptions, arg) >= 0)
                {
                    parsed._options.Add(arg);
                }
                else
                {
                    throw new UsageException($"unknown option '{DisplayText.Of(arg)}' for '{command}'. Options: {string.Join(", ", knownOptions)}.");
                }
            }
            else if (arg.Length == 0)
            {
                throw new UsageException(emptyArgumentHint);
            }
            else
            {
                parsed.Operands.Add(argument);
            }
        }

        return parsed;
    }
}
