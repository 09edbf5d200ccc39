using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace CrcBuildTools.Benchmarks;

/// <summary>
/// Writes a minimal assembly whose only content is manifest resources, with System.Reflection.Metadata (in the box),
/// so a benchmark can load real embedded resources of any size without checking big files into the repository.
/// </summary>
internal static class ResourceAssemblyWriter
{
    public static void Write(string path, string assemblyName, IEnumerable<KeyValuePair<string, byte[]>> resources)
    {
        var metadata = new MetadataBuilder();
        metadata.AddModule(0, metadata.GetOrAddString(assemblyName + ".dll"), metadata.GetOrAddGuid(new Guid("6d1b5f3e-7f0c-4f43-9b8e-2b0c1f7e9a10")), default, default);
        metadata.AddAssembly(metadata.GetOrAddString(assemblyName), new Version(1, 0, 0, 0), default, default, default, AssemblyHashAlgorithm.None);
        metadata.AddTypeDefinition(default, default, metadata.GetOrAddString("<Module>"), default, MetadataTokens.FieldDefinitionHandle(1), MetadataTokens.MethodDefinitionHandle(1));

        // Each managed resource is a 4-byte length followed by its bytes, at an offset recorded in the manifest.
        var data = new BlobBuilder();
        foreach (var resource in resources)
        {
            uint offset = (uint)data.Count;
            data.WriteInt32(resource.Value.Length);
            data.WriteBytes(resource.Value);
            data.Align(8);
            metadata.AddManifestResource(ManifestResourceAttributes.Public, metadata.GetOrAddString(resource.Key), default, offset);
        }

        var pe = new ManagedPEBuilder(PEHeaderBuilder.CreateLibraryHeader(), new MetadataRootBuilder(metadata), new BlobBuilder(), managedResources: data);
        var image = new BlobBuilder();
        pe.Serialize(image);
        using var file = File.Create(path);
        image.WriteContentTo(file);
    }
}
