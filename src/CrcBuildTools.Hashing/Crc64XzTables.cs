namespace CrcBuildTools.Hashing;

/// <summary>Slicing-by-16 lookup tables, built once from the polynomial rather than pasted in as literals.</summary>
internal static class Crc64XzTables
{
    public const int Slices = 16;

    /// <summary>
    /// <c>Table[k * 256 + b]</c> is the register contribution of byte <c>b</c> followed by <c>k</c> zero bytes.
    /// One flat array keeps all sixteen slices in 32 KiB of contiguous memory.
    /// </summary>
    public static readonly ulong[] Table = Build();

    private static ulong[] Build()
    {
        var table = new ulong[Slices * 256];
        for (int b = 0; b < 256; b++)
        {
            ulong crc = (ulong)b;
            for (int bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ Crc64XzPolynomial.Reflected : crc >> 1;
            }

            table[b] = crc;
        }

        for (int k = 1; k < Slices; k++)
        {
            for (int b = 0; b < 256; b++)
            {
                ulong previous = table[((k - 1) * 256) + b];
                table[(k * 256) + b] = (previous >> 8) ^ table[(int)(previous & 0xFF)];
            }
        }

        return table;
    }
}
