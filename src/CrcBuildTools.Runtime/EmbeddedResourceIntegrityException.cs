using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Globalization;
using System.Linq;
using System.Text;

namespace CrcBuildTools.Runtime;

/// <summary>
/// Thrown by <c>EmbeddedIntegrity.Verify()</c> when one or more embedded resources differ from what the build
/// recorded. The message names every failing resource with its expected and actual length and CRC.
/// </summary>
public sealed class EmbeddedResourceIntegrityException : Exception
{
    /// <summary>The error code that starts the message, listed in docs/embedded-integrity.md.</summary>
    public const string ErrorCode = "CRC2201";

    /// <summary>Creates the exception for a non-empty list of failures.</summary>
    /// <param name="assemblyName">The assembly whose resources were checked.</param>
    /// <param name="failures">Every failing resource; must not be empty.</param>
    /// <exception cref="ArgumentException"><paramref name="failures"/> is empty.</exception>
    public EmbeddedResourceIntegrityException(string assemblyName, IEnumerable<EmbeddedResourceFailure> failures)
        : this(assemblyName, ToList(failures))
    {
    }

    private EmbeddedResourceIntegrityException(string assemblyName, ReadOnlyCollection<EmbeddedResourceFailure> failures)
        : base(BuildMessage(assemblyName, failures))
    {
        AssemblyName = assemblyName;
        Failures = failures;
    }

    /// <summary>The assembly whose resources were checked.</summary>
    public string AssemblyName { get; }

    /// <summary>Every failing resource, in the order they were recorded at build time.</summary>
    public IReadOnlyList<EmbeddedResourceFailure> Failures { get; }

    private static ReadOnlyCollection<EmbeddedResourceFailure> ToList(IEnumerable<EmbeddedResourceFailure> failures)
    {
        if (failures is null)
        {
            throw new ArgumentNullException(nameof(failures));
        }

        var list = failures.ToList();
        if (list.Count == 0)
        {
            throw new ArgumentException("An integrity exception needs at least one failing resource.", nameof(failures));
        }

        return list.AsReadOnly();
    }

    private static string BuildMessage(string assemblyName, IReadOnlyList<EmbeddedResourceFailure> failures)
    {
        var message = new StringBuilder();
        message.AppendFormat(
            CultureInfo.InvariantCulture,
            "{0}: {1} embedded resource(s) of assembly '{2}' differ from the CRC-64/XZ checksums recorded when it was built. " +
            "The assembly file was modified or corrupted after the build: rebuild it or reinstall it from a trusted copy.",
            ErrorCode,
            failures.Count,
            assemblyName);
        foreach (var failure in failures)
        {
            message.AppendLine().Append("  - ").Append(failure);
        }

        return message.ToString();
    }
}
