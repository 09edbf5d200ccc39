using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Globalization;
using System.Reflection;

namespace CrcBuildTools.Runtime;

/// <summary>
/// The embedded resources of one assembly with the lengths and CRC-64/XZ values recorded at build time, and the
/// checks against what the assembly contains now. Generated <c>EmbeddedIntegrity</c> classes delegate to this type.
/// </summary>
/// <remarks>
/// Resources are looked up with <see cref="Assembly.GetManifestResourceStream(string)"/> by their exact name, which is
/// safe under trimming and Native AOT. Resource streams of a loaded assembly are hashed in place, without copying.
/// Instances are immutable and thread-safe.
/// </remarks>
public sealed class EmbeddedResourceSet
{
    private readonly Dictionary<string, EmbeddedResourceChecksum> _byName;

    /// <summary>Describes the expected resources of <paramref name="assembly"/>.</summary>
    /// <param name="assembly">The assembly that embeds the resources; generated code passes <c>typeof(EmbeddedIntegrity).Assembly</c>.</param>
    /// <param name="resources">What the build recorded, one entry per resource.</param>
    /// <exception cref="ArgumentNullException">An argument or an entry is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">Two entries have the same name.</exception>
    public EmbeddedResourceSet(Assembly assembly, IEnumerable<EmbeddedResourceChecksum> resources)
    {
        Assembly = assembly ?? throw new ArgumentNullException(nameof(assembly));
        if (resources is null)
        {
            throw new ArgumentNullException(nameof(resources));
        }

        var list = new List<EmbeddedResourceChecksum>();
        _byName = new Dictionary<string, EmbeddedResourceChecksum>(StringComparer.Ordinal);
        foreach (var resource in resources)
        {
            if (resource is null)
            {
                throw new ArgumentNullException(nameof(resources), "The resource list contains a null entry.");
            }

            if (_byName.ContainsKey(resource.Name))
            {
                throw new ArgumentException($"The resource '{resource.Name}' is listed twice.", nameof(resources));
            }

            _byName.Add(resource.Name, resource);
            list.Add(resource);
        }

        Resources = list.AsReadOnly();
    }

    /// <summary>Describes the expected resources of <paramref name="assembly"/> from a compact table (what generated code passes).</summary>
    /// <param name="assembly">The assembly that embeds the resources.</param>
    /// <param name="table">The resources in the form of <see cref="EmbeddedResourceTable"/>.</param>
    /// <returns>The set.</returns>
    /// <exception cref="FormatException">The table is damaged.</exception>
    public static EmbeddedResourceSet FromTable(Assembly assembly, string table) => new(assembly, EmbeddedResourceTable.Decode(table));

    /// <summary>The assembly whose resources are checked.</summary>
    public Assembly Assembly { get; }

    /// <summary>Every resource recorded at build time, in the recorded order.</summary>
    public IReadOnlyList<EmbeddedResourceChecksum> Resources { get; }

    /// <summary>Finds the recorded entry for an exact (ordinal) resource name.</summary>
    /// <param name="name">The exact manifest resource name.</param>
    /// <returns>The entry, or <see langword="null"/> when no resource of that name was recorded.</returns>
    public EmbeddedResourceChecksum? Find(string name)
    {
        if (name is null)
        {
            throw new ArgumentNullException(nameof(name));
        }

        return _byName.TryGetValue(name, out var resource) ? resource : null;
    }

    /// <summary>Checks every recorded resource and returns the ones that differ.</summary>
    /// <returns>The failing resources, empty when everything matches.</returns>
    public IReadOnlyList<EmbeddedResourceFailure> FindFailures()
    {
        var failures = new List<EmbeddedResourceFailure>();
        foreach (var resource in Resources)
        {
            var failure = Check(resource);
            if (failure is not null)
            {
                failures.Add(failure);
            }
        }

        return failures.AsReadOnly();
    }

    /// <summary>Checks every recorded resource.</summary>
    /// <param name="failures">The failing resources; empty when the method returns <see langword="true"/>.</param>
    /// <returns><see langword="true"/> when every resource matches its recorded length and CRC.</returns>
    public bool TryVerify(out IReadOnlyList<EmbeddedResourceFailure> failures)
    {
        failures = FindFailures();
        return failures.Count == 0;
    }

    /// <summary>Checks every recorded resource and throws if any differs.</summary>
    /// <exception cref="EmbeddedResourceIntegrityException">One or more resources are missing or differ; the message names every one of them.</exception>
    public void Verify()
    {
        var failures = FindFailures();
        if (failures.Count != 0)
        {
            throw new EmbeddedResourceIntegrityException(AssemblyDisplayName, failures);
        }
    }

    /// <summary>Checks one resource, named exactly.</summary>
    /// <param name="name">The exact manifest resource name.</param>
    /// <param name="failure">The difference found, or <see langword="null"/> when the resource matches.</param>
    /// <returns><see langword="true"/> when the resource matches its recorded length and CRC.</returns>
    /// <exception cref="ArgumentException">No resource of that exact name was recorded at build time.</exception>
    public bool TryVerify(string name, out EmbeddedResourceFailure? failure)
    {
        failure = Check(GetRecorded(name));
        return failure is null;
    }

    /// <summary>Checks one resource, named exactly, and throws if it differs.</summary>
    /// <param name="name">The exact manifest resource name.</param>
    /// <exception cref="ArgumentException">No resource of that exact name was recorded at build time.</exception>
    /// <exception cref="EmbeddedResourceIntegrityException">The resource is missing or differs.</exception>
    public void Verify(string name)
    {
        if (!TryVerify(name, out var failure))
        {
            throw new EmbeddedResourceIntegrityException(AssemblyDisplayName, new[] { failure! });
        }
    }

    private string AssemblyDisplayName => Assembly.GetName().Name ?? Assembly.FullName ?? "(unnamed assembly)";

    private EmbeddedResourceChecksum GetRecorded(string name)
    {
        var resource = Find(name);
        if (resource is null)
        {
            throw new ArgumentException(
                string.Format(
                    CultureInfo.InvariantCulture,
                    "CRC2202: '{0}' is not an embedded resource recorded when '{1}' was built. Names are matched exactly " +
                    "(ordinal, full manifest name); see EmbeddedIntegrity.Resources for the recorded names.",
                    name,
                    AssemblyDisplayName),
                nameof(name));
        }

        return resource;
    }

    private EmbeddedResourceFailure? Check(EmbeddedResourceChecksum expected)
    {
        var actual = EmbeddedResourceHasher.Measure(Assembly, expected.Name);
        if (actual is null)
        {
            return new EmbeddedResourceFailure(expected, null, null);
        }

        var measured = actual.Value;
        return measured.Length == expected.Length && measured.Crc64 == expected.Crc64
            ? null
            : new EmbeddedResourceFailure(expected, measured.Length, measured.Crc64);
    }
}
