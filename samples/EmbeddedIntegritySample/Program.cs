using System;
using System.Globalization;
using System.Resources;
using CrcBuildTools.Runtime;

namespace EmbeddedIntegritySample;

/// <summary>
/// Checks, before doing anything else, that the resources embedded in this assembly are the bytes it was built with,
/// then prints one line per resource. Exit code 0 when everything matches, 1 otherwise.
/// </summary>
public static class Program
{
    public static int Main()
    {
        bool intact = EmbeddedIntegrity.TryVerify(out var failures);

        var strings = new ResourceManager("EmbeddedIntegritySample.Strings.Messages", typeof(Program).Assembly);
        Console.WriteLine(strings.GetString("Title", CultureInfo.InvariantCulture));
        Console.WriteLine();
        PrintTable();
        Console.WriteLine();

        if (!intact)
        {
            // Verify() would throw the same report as an exception; shown here without the stack trace.
            Console.Error.WriteLine(new EmbeddedResourceIntegrityException(typeof(Program).Assembly.GetName().Name!, failures).Message);
            return 1;
        }

        Console.WriteLine(strings.GetString("AllGood", CultureInfo.InvariantCulture));
        Console.WriteLine($"The logo's CRC-64/XZ is also a compile-time constant: {EmbeddedIntegrity.Crc64.EmbeddedIntegritySample_Assets_logo_png}");
        return 0;
    }

    private static void PrintTable()
    {
        const string Format = "{0,-52} {1,8} {2,20}  {3}";
        Console.WriteLine(string.Format(CultureInfo.InvariantCulture, Format, "Resource", "Length", "CRC-64/XZ", "Status"));
        Console.WriteLine(new string('-', 92));
        foreach (var resource in EmbeddedIntegrity.Resources)
        {
            string status = EmbeddedIntegrity.TryVerify(resource.Name, out var failure)
                ? "OK"
                : failure!.IsMissing ? "MISSING" : $"CHANGED (now {failure.ActualLength} bytes, CRC {failure.ActualCrc64})";
            Console.WriteLine(string.Format(CultureInfo.InvariantCulture, Format, resource.Name, resource.Length, resource.Crc64Text, status));
        }
    }
}
