using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using CrcBuildTools.Hashing;
using CrcBuildTools.Hashing.Tests;
using CrcBuildTools.Hashing.Tests.Support;

namespace CrcBuildTools.Hashing.Arm64Runner;

/// <summary>
/// <c>check</c>: prints the architecture and the paths this process supports, then one <c>PASS name</c> or
/// <c>FAIL name: why</c> line per check (published vectors, cross-path subset, combine) for every supported path.
/// <c>hash FILE...</c>: prints <c>crc length file</c> for each file through the public API, on the process-wide path
/// (pin it with CRCBUILDTOOLS_CRC64_IMPLEMENTATION). The host side (tests/CrcBuildTools.Arm64.Tests) asserts on it.
/// </summary>
public static class Program
{
    /// <summary>Start alignments are checked in groups of this many, one reported check per group.</summary>
    public const int AlignmentGroup = 8;

    public static int Main(string[] args)
    {
        if (args.Length >= 1 && args[0] == "check")
        {
            return Check();
        }

        if (args.Length >= 2 && args[0] == "hash")
        {
            return Hash(args.Skip(1));
        }

        Console.Error.WriteLine("usage: CrcBuildTools.Hashing.Arm64Runner check | hash FILE...");
        return 2;
    }

    private static int Check()
    {
        Console.WriteLine($"architecture {System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture}");
        Console.WriteLine($"implementation {Crc64Xz.Implementation}");
        Console.WriteLine($"supported {string.Join(",", Crc64XzKernel.Supported())}");
        int failures = 0;
        foreach (Crc64XzImplementation path in Crc64XzKernel.Supported())
        {
            CrossPathTests.Kernel kernel = (register, data) => Crc64XzKernel.Update(path, register, data);
            failures += Run($"vectors/{path}", () => Vectors(path));
            for (int first = 0; first < 64; first += AlignmentGroup)
            {
                int from = first;
                failures += Run($"crosspath/{path}/alignments-{from}-{from + AlignmentGroup - 1}", () =>
                    CrossPathTests.AssertLengthsAtAlignmentsMatchBytewise(path.ToString(), kernel, CrossPathTests.LengthClasses, from, AlignmentGroup));
            }
        }

        failures += Run("combine", Combine);
        return failures == 0 ? 0 : 1;
    }

    private static int Run(string name, Action check)
    {
        try
        {
            check();
            Console.WriteLine($"PASS {name}");
            return 0;
        }
        catch (Exception e)
        {
            Console.WriteLine($"FAIL {name}: {e.Message.Replace('\n', ' ')}");
            return 1;
        }
    }

    private static void Vectors(Crc64XzImplementation path)
    {
        foreach (ReferenceVector vector in ReferenceVectors.All)
        {
            ulong whole = ~Crc64XzKernel.Update(path, ulong.MaxValue, vector.Data);
            int split = vector.Data.Length / 3;
            ulong chained = ~Crc64XzKernel.Update(path, Crc64XzKernel.Update(path, ulong.MaxValue, vector.Data.AsSpan(0, split)), vector.Data.AsSpan(split));
            if (whole != vector.Decimal || chained != vector.Decimal)
            {
                throw new InvalidOperationException($"'{vector.Name}': {whole} whole, {chained} chained, expected {vector.Decimal}.");
            }
        }
    }

    /// <summary>Combine multiplies with PMULL on ARM; it must agree with the shift-and-add definition.</summary>
    private static void Combine()
    {
        var random = new Random(64);
        for (int i = 0; i < 2000; i++)
        {
            ulong a = (ulong)random.NextInt64(), b = (ulong)random.NextInt64();
            if (Crc64XzCombine.Multiply(a, b) != Crc64XzCombine.MultiplyBitwise(a, b))
            {
                throw new InvalidOperationException($"Multiply(0x{a:x16}, 0x{b:x16}) differs from the bitwise product.");
            }
        }
    }

    private static int Hash(IEnumerable<string> files)
    {
        foreach (string file in files)
        {
            Crc64XzFileHash hash = Crc64Xz.HashFile(file);
            ulong inMemory = Crc64Xz.Hash(File.ReadAllBytes(file));
            if (inMemory != hash.Crc)
            {
                Console.WriteLine($"FAIL {file}: HashFile gave {hash.Crc}, Hash(bytes) {inMemory}");
                return 1;
            }

            Console.WriteLine($"{hash.Crc} {hash.Length} {file}");
        }

        return 0;
    }
}
