using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace CrcBuildTools.EndToEnd.Tests.Binding;

/// <summary>An assembly as metadata: its identity and the assemblies it references.</summary>
internal sealed record AssemblyInfo(string FileName, string Name, Version Version, IReadOnlyList<(string Name, Version Version)> References)
{
    /// <summary>Reads a managed assembly; <see langword="null"/> for a native image or a bare module.</summary>
    public static AssemblyInfo? TryRead(string fileName, byte[] image)
    {
        using var pe = new PEReader(new MemoryStream(image));
        if (!pe.HasMetadata || !pe.GetMetadataReader().IsAssembly)
        {
            return null;
        }

        MetadataReader metadata = pe.GetMetadataReader();
        AssemblyDefinition definition = metadata.GetAssemblyDefinition();
        var references = metadata.AssemblyReferences
            .Select(handle => metadata.GetAssemblyReference(handle))
            .Select(reference => (metadata.GetString(reference.Name), reference.Version))
            .ToList();
        return new AssemblyInfo(fileName, metadata.GetString(definition.Name), definition.Version, references);
    }
}

/// <summary>
/// Decides, from metadata alone, whether every assembly reference in a net472 task folder binds inside a given
/// Visual Studio MSBuild. A reference binds when it is one of:
/// - an assembly MSBuild redirects, at or below the redirect's target (above it, .NET Framework refuses to bind);
/// - a .NET Framework 4.7.2 assembly (including its netstandard facades), at or below the framework's version;
/// - an assembly shipped in the task folder itself, at exactly the version shipped (what the load-from context finds).
/// Anything else would be a FileNotFoundException on the first task that needs it.
/// </summary>
internal static class TaskFolderBinding
{
    public static IReadOnlyList<string> Problems(
        IReadOnlyList<AssemblyInfo> taskFolder,
        IReadOnlyDictionary<string, Version> framework,
        MSBuildRedirects host)
    {
        var problems = new List<string>();
        var shipped = taskFolder.ToDictionary(a => a.Name, StringComparer.OrdinalIgnoreCase);
        foreach (AssemblyInfo assembly in taskFolder)
        {
            // A copy of a redirected assembly in the folder is never loaded (MSBuild's own binds first), but a newer
            // copy means our code was tested against something the host will not give it.
            if (host.Targets.TryGetValue(assembly.Name, out Version? ownTarget) && assembly.Version > ownTarget)
            {
                problems.Add($"{assembly.FileName} is {assembly.Name} {assembly.Version}, but {host.Host} binds {assembly.Name} to {ownTarget}.");
            }

            foreach ((string name, Version version) in assembly.References)
            {
                if (host.Targets.TryGetValue(name, out Version? target))
                {
                    if (version > target)
                    {
                        problems.Add($"{assembly.FileName} references {name} {version}, above the {target} that {host.Host} redirects it to: it would not load there (FileLoadException, MSB4018).");
                    }
                }
                else if (framework.TryGetValue(name, out Version? inFramework))
                {
                    if (version > inFramework)
                    {
                        problems.Add($"{assembly.FileName} references {name} {version}, above the {inFramework} of .NET Framework 4.7.2.");
                    }
                }
                else if (shipped.TryGetValue(name, out AssemblyInfo? beside))
                {
                    if (beside.Version != version)
                    {
                        problems.Add($"{assembly.FileName} references {name} {version}, but the task folder ships {beside.Version}.");
                    }
                }
                else
                {
                    problems.Add($"{assembly.FileName} references {name} {version}, which neither {host.Host}, .NET Framework 4.7.2 nor the task folder provides.");
                }
            }
        }

        return problems;
    }

    /// <summary>Name and version of every assembly in a .NET Framework reference-assembly folder and its Facades.</summary>
    public static IReadOnlyDictionary<string, Version> ReadFramework(string referenceAssemblies)
    {
        var framework = new Dictionary<string, Version>(StringComparer.OrdinalIgnoreCase);
        foreach (string file in Directory.EnumerateFiles(referenceAssemblies, "*.dll").Concat(Directory.EnumerateFiles(Path.Combine(referenceAssemblies, "Facades"), "*.dll")))
        {
            if (AssemblyInfo.TryRead(Path.GetFileName(file), File.ReadAllBytes(file)) is AssemblyInfo info)
            {
                framework[info.Name] = info.Version;
            }
        }

        return framework;
    }
}
