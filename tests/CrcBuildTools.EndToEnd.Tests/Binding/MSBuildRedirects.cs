using System;
using System.Collections.Generic;

namespace CrcBuildTools.EndToEnd.Tests.Binding;

/// <summary>
/// The binding redirects of Visual Studio's MSBuild.exe.config, read from dotnet/msbuild's src/MSBuild/app.config at
/// each tag. MSBuild resolves a task's dependencies through these: a reference whose version lies above a redirect's
/// range does not bind on .NET Framework (FileLoadException 0x80131040, shown as MSB4018).
/// </summary>
internal sealed record MSBuildRedirects(string Host, IReadOnlyDictionary<string, Version> Targets)
{
    /// <summary>The oldest supported host (docs/compatibility.md): the complete redirect list of tag v17.8.3.</summary>
    public static readonly MSBuildRedirects Floor = new("MSBuild 17.8 (Visual Studio 2022 17.8)", Table(
        ("Microsoft.Build.Framework", "15.1.0.0"),
        ("Microsoft.Build", "15.1.0.0"),
        ("Microsoft.Build.Tasks.Core", "15.1.0.0"),
        ("Microsoft.Build.Utilities.Core", "15.1.0.0"),
        ("Microsoft.Build.Engine", "15.1.0.0"),
        ("Microsoft.Build.Conversion.Core", "15.1.0.0"),
        ("Microsoft.Bcl.AsyncInterfaces", "7.0.0.0"),
        ("Microsoft.NET.StringTools", "1.0.0.0"),
        ("System.Buffers", "4.0.3.0"),
        ("System.Collections.Immutable", "7.0.0.0"),
        ("System.Memory", "4.0.1.2"),
        ("System.Numerics.Vectors", "4.1.4.0"),
        ("System.Reflection.Metadata", "7.0.0.0"),
        ("System.Reflection.MetadataLoadContext", "7.0.0.0"),
        ("System.Resources.Extensions", "7.0.0.0"),
        ("System.Runtime.CompilerServices.Unsafe", "6.0.0.0"),
        ("System.Text.Encodings.Web", "7.0.0.0"),
        ("System.Text.Json", "7.0.0.3"),
        ("System.Threading.Tasks.Dataflow", "7.0.0.0"),
        ("System.Threading.Tasks.Extensions", "4.2.0.1"),
        ("System.ValueTuple", "4.0.3.0")));

    /// <summary>
    /// Every supported host, oldest first. The redirect targets only ever grew after 17.8 (17.9-17.13 raised
    /// Microsoft.Bcl.AsyncInterfaces and friends to 8.0, 17.14 moved the System.Memory family up), so the floor
    /// decides; the later rows are kept so a failure names each host it breaks.
    /// </summary>
    public static readonly IReadOnlyList<MSBuildRedirects> Supported = new[]
    {
        Floor,
        Floor.With("MSBuild 17.9-17.13", ("Microsoft.Bcl.AsyncInterfaces", "8.0.0.0"), ("System.Collections.Immutable", "8.0.0.0"), ("System.Reflection.Metadata", "8.0.0.0")),
        Floor.With("MSBuild 17.14 up to 17.14.43", ("System.Memory", "4.0.2.0"), ("System.Buffers", "4.0.4.0"), ("System.Runtime.CompilerServices.Unsafe", "6.0.1.0"), ("System.Numerics.Vectors", "4.1.5.0"), ("System.Threading.Tasks.Extensions", "4.2.1.0"), ("Microsoft.Bcl.AsyncInterfaces", "9.0.0.0")),
        Floor.With("MSBuild 17.14.51 and later", ("System.Memory", "4.0.5.0"), ("System.Buffers", "4.0.5.0"), ("System.Runtime.CompilerServices.Unsafe", "6.0.3.0"), ("System.Numerics.Vectors", "4.1.6.0"), ("System.Threading.Tasks.Extensions", "4.2.4.0")),
        Floor.With("MSBuild 18.0-18.3 (Visual Studio 2026)", ("System.Memory", "4.0.2.0"), ("System.Buffers", "4.0.4.0"), ("System.Runtime.CompilerServices.Unsafe", "6.0.1.0"), ("System.Numerics.Vectors", "4.1.5.0"), ("System.Threading.Tasks.Extensions", "4.2.1.0"), ("Microsoft.Bcl.AsyncInterfaces", "9.0.0.0")),
    };

    private MSBuildRedirects With(string host, params (string Name, string Version)[] raised)
    {
        var targets = new Dictionary<string, Version>((IDictionary<string, Version>)Targets, StringComparer.OrdinalIgnoreCase);
        foreach ((string name, string version) in raised)
        {
            targets[name] = Version.Parse(version);
        }

        return new MSBuildRedirects(host, targets);
    }

    private static Dictionary<string, Version> Table(params (string Name, string Version)[] rows)
    {
        var table = new Dictionary<string, Version>(StringComparer.OrdinalIgnoreCase);
        foreach ((string name, string version) in rows)
        {
            table.Add(name, Version.Parse(version));
        }

        return table;
    }
}
