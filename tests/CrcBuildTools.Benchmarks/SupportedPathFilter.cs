using System;
using BenchmarkDotNet.Filters;
using BenchmarkDotNet.Running;
using CrcBuildTools.Hashing;

namespace CrcBuildTools.Benchmarks;

/// <summary>Drops a benchmark whose method is named after a <see cref="Crc64XzImplementation"/> this CPU cannot run.</summary>
public sealed class SupportedPathFilter : IFilter
{
    public bool Predicate(BenchmarkCase benchmarkCase)
    {
        string name = benchmarkCase.Descriptor.WorkloadMethod.Name;
        return !Enum.TryParse(name, out Crc64XzImplementation implementation) || Crc64XzKernel.IsSupported(implementation);
    }
}
