using System;
using BenchmarkDotNet.Filters;
using BenchmarkDotNet.Running;
using CrcBuildTools.Hashing;

namespace CrcBuildTools.Benchmarks;

/// <summary>Drops a benchmark whose method is named after a <see cref="Crc64XzImplementation"/> this CPU cannot run (also with the "Previous" prefix).</summary>
public sealed class SupportedPathFilter : IFilter
{
    /// <summary>The frozen pre-unification kernels are named after the path they implemented, with this prefix.</summary>
    public const string PreviousPrefix = "Previous";

    public bool Predicate(BenchmarkCase benchmarkCase)
    {
        string name = benchmarkCase.Descriptor.WorkloadMethod.Name;
        if (name.StartsWith(PreviousPrefix, StringComparison.Ordinal))
        {
            name = name.Substring(PreviousPrefix.Length);
        }

        return !Enum.TryParse(name, out Crc64XzImplementation implementation) || Crc64XzKernel.IsSupported(implementation);
    }
}
