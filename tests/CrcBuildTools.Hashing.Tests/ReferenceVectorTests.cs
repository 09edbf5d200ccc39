using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using CrcBuildTools.Hashing.Tests.Support;
using CrcBuildTools.TestSupport;
using Xunit;

namespace CrcBuildTools.Hashing.Tests;

/// <summary>The published vectors, on every path and through every public API shape.</summary>
public sealed class ReferenceVectorTests
{
    [Fact]
    public void PublishedDecimalAndHexColumnsAgree()
    {
        foreach (ReferenceVector vector in ReferenceVectors.All)
        {
            Assert.Equal(vector.Hex, vector.Decimal);
        }
    }

    [Fact]
    public void AlgorithmNameIsTheCatalogueName()
    {
        Assert.Equal("CRC-64/XZ", Crc64Xz.AlgorithmName);
        Assert.Equal(8, Crc64Xz.HashLengthInBytes);
    }

    [Theory]
    [PathData(Crc64XzImplementation.Scalar)]
    [PathData(Crc64XzImplementation.Pclmulqdq128)]
    [PathData(Crc64XzImplementation.Vpclmulqdq256)]
    [PathData(Crc64XzImplementation.Vpclmulqdq512)]
    [PathData(Crc64XzImplementation.ArmPmull)]
    public void EveryVectorOnPath(Crc64XzImplementation implementation)
    {
        foreach (ReferenceVector vector in ReferenceVectors.All)
        {
            ulong register = Crc64XzKernel.Update(implementation, ulong.MaxValue, vector.Data);
            Assert.True(vector.Decimal == ~register, $"{implementation} gave {~register} for '{vector.Name}', expected {vector.Decimal}.");

            // The raw-register hook must also chain: split every vector in three uneven pieces.
            int first = vector.Data.Length / 3, second = vector.Data.Length / 2;
            register = Crc64XzKernel.Update(implementation, ulong.MaxValue, vector.Data.AsSpan(0, first));
            register = Crc64XzKernel.Update(implementation, register, vector.Data.AsSpan(first, second - first));
            register = Crc64XzKernel.Update(implementation, register, vector.Data.AsSpan(second));
            Assert.True(vector.Decimal == ~register, $"{implementation} chained gave {~register} for '{vector.Name}'.");
        }
    }

    [Theory]
    [MemberData(nameof(ReferenceVectors.Names), MemberType = typeof(ReferenceVectors))]
    public async Task EveryApiShapeInThisProcess(string name)
    {
        ReferenceVector vector = ReferenceVectors.Get(name);
        using var scratch = new TempFolder();
        foreach ((string shape, ulong crc) in await ApiShapes.ComputeAllAsync(vector.Data, scratch.Path))
        {
            Assert.True(vector.Decimal == crc, $"{shape} on {Crc64Xz.Implementation} gave {crc} for '{name}', expected {vector.Decimal}.");
        }
    }

    /// <summary>
    /// The public APIs always run the process-wide path, which is fixed at start-up; a child process per path
    /// (pinned with CRCBUILDTOOLS_CRC64_IMPLEMENTATION) runs every API shape on every vector.
    /// </summary>
    [Theory]
    [PathData(Crc64XzImplementation.Scalar)]
    [PathData(Crc64XzImplementation.Pclmulqdq128)]
    [PathData(Crc64XzImplementation.Vpclmulqdq256)]
    [PathData(Crc64XzImplementation.Vpclmulqdq512)]
    [PathData(Crc64XzImplementation.ArmPmull)]
    public void EveryApiShapeInAChildPinnedToPath(Crc64XzImplementation implementation)
    {
        IReadOnlyList<string> lines = ChildProcess.Run(implementation.ToString());

        Assert.Equal($"implementation {implementation}", lines[0]);
        var results = lines.Skip(1).Select(l => l.Split(' ')).ToList();
        foreach (ReferenceVector vector in ReferenceVectors.All)
        {
            var forVector = results.Where(r => r[0] == vector.Name).ToList();
            Assert.True(forVector.Count >= 13, $"The child reported only {forVector.Count} API shapes for '{vector.Name}'.");
            foreach (string[] row in forVector)
            {
                Assert.True(vector.Decimal.ToString() == row[2], $"{row[1]} on {implementation} gave {row[2]} for '{vector.Name}', expected {vector.Decimal}.");
            }
        }
    }
}
