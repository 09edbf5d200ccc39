using System;
using System.Runtime.Intrinsics;
using CrcBuildTools.Hashing.Tests.Support;
using Xunit;

namespace CrcBuildTools.Hashing.Tests;

/// <summary>
/// The 512-bit folding logic (the wide kernel at four lanes a vector: loads, 256-byte fold constants, accumulators,
/// prefetch, collapse, tail) against the scalar path, on machines without AVX-512. Only the VPCLMULQDQ-512
/// instruction is replaced, by four 128-bit PCLMULQDQs. The real instruction runs in <see cref="CrossPathTests"/>
/// wherever the CPU has it, and is reported skipped there otherwise.
/// </summary>
public sealed class Vpclmulqdq512ModelTests
{
    private const string Name = "Vpclmulqdq512 (model: 4 x 128-bit multiply)";

    private static readonly CrossPathTests.Kernel Model = (register, data) =>
        Crc64XzFoldingWide.Update<ModelVpclmulqdq512Multiply, Vector512<ulong>>(register, data);

    /// <summary>Under 512 bytes the kernel hands over to the 128-bit path; from there on every length class is the model's.</summary>
    [ModelFact]
    public void EveryLengthAtEveryAlignmentMatchesBytewise() =>
        CrossPathTests.AssertEveryLengthAtEveryAlignmentMatchesBytewise(Name, Model, 4096);

    [ModelFact]
    public void RandomLongInputsMatchScalar() =>
        CrossPathTests.AssertRandomLongInputsMatchScalar(Name, Model, 1024 * 1024);

    [ModelFact]
    public void ConstantInputsMatchScalar() =>
        CrossPathTests.AssertConstantInputsMatchScalar(Name, Model);

    [ModelFact]
    public void PublishedVectorsAndChainingMatch()
    {
        foreach (ReferenceVector vector in ReferenceVectors.All)
        {
            Assert.Equal(vector.Decimal, ~Model(ulong.MaxValue, vector.Data));
            int split = vector.Data.Length / 3;
            ulong register = Model(ulong.MaxValue, vector.Data.AsSpan(0, split));
            Assert.Equal(vector.Decimal, ~Model(register, vector.Data.AsSpan(split)));
        }
    }

    /// <summary>The model is only worth something if it is the real 512 path wherever both can run.</summary>
    [Theory]
    [PathData(Crc64XzImplementation.Vpclmulqdq512)]
    public void ModelAgreesWithTheRealInstruction(Crc64XzImplementation implementation)
    {
        byte[] data = RandomBytes.Create(1 << 16, 512);
        for (int length = 0; length <= data.Length; length += 61)
        {
            Assert.Equal(Crc64XzKernel.Update(implementation, 7, data.AsSpan(0, length)), Model(7, data.AsSpan(0, length)));
        }
    }
}
