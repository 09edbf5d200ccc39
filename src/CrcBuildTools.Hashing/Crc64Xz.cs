using System;
using System.Buffers;
using System.Buffers.Binary;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace CrcBuildTools.Hashing;

/// <summary>
/// CRC-64/XZ: the checksum that Tencent COS (<c>x-cos-hash-crc64ecma</c>) and Alibaba OSS (<c>x-oss-hash-crc64ecma</c>)
/// return for every object. Reflected polynomial 0xC96C5795D7870F42, init and final xor all ones; check value of
/// "123456789" is 0x995DC9BBDF1939FA.
/// </summary>
/// <remarks>
/// This is <b>not</b> <c>System.IO.Hashing.Crc64</c>, which computes CRC-64/ECMA-182 (unreflected, init 0) and gives a
/// different value for every non-empty input. The API follows the shape of <c>NonCryptographicHashAlgorithm</c>
/// (<see cref="Append(ReadOnlySpan{byte})"/>, <see cref="GetCurrentHash()"/>, <see cref="Reset"/>, static <see cref="Hash(ReadOnlySpan{byte})"/>),
/// but results are <see cref="ulong"/> values, which is how the services print them.
/// Instances are not thread-safe; the static members are.
/// </remarks>
public sealed class Crc64Xz
{
    /// <summary>The size of a CRC-64/XZ value in bytes.</summary>
    public const int HashLengthInBytes = 8;

    /// <summary>The catalogue name of the algorithm, as written into manifests.</summary>
    public const string AlgorithmName = "CRC-64/XZ";

    /// <summary>Default buffer for stream hashing: large sequential reads keep the kernel in its fast loop.</summary>
    internal const int StreamBufferSize = 1024 * 1024;

    private readonly ulong _initialCrc;
    private readonly long _initialLength;
    private ulong _register;
    private long _length;

    /// <summary>Starts a new CRC-64/XZ computation over an empty input.</summary>
    public Crc64Xz()
        : this(0, 0)
    {
    }

    /// <summary>Continues from the CRC of data already hashed elsewhere, so that appending B yields crc(A||B).</summary>
    /// <param name="previousCrc">The final CRC-64/XZ value of the data before this point.</param>
    /// <param name="previousLength">That data's length in bytes; only used for <see cref="Length"/>.</param>
    public Crc64Xz(ulong previousCrc, long previousLength = 0)
    {
        if (previousLength < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(previousLength), previousLength, "A length cannot be negative.");
        }

        _initialCrc = previousCrc;
        _initialLength = previousLength;
        Reset();
    }

    /// <summary>The code path this process uses: the widest one the CPU and runtime support.</summary>
    public static Crc64XzImplementation Implementation => Crc64XzKernel.Active;

    /// <summary>Total number of bytes this instance has covered, including any continued-from length.</summary>
    public long Length => _length;

    /// <summary>Whether <paramref name="implementation"/> can run on this CPU and runtime.</summary>
    /// <param name="implementation">The code path to check.</param>
    /// <returns><see langword="true"/> when the path is usable here.</returns>
    public static bool IsSupported(Crc64XzImplementation implementation) => Crc64XzKernel.IsSupported(implementation);

    /// <summary>Adds <paramref name="source"/> to the data hashed so far.</summary>
    /// <param name="source">The bytes to add.</param>
    public void Append(ReadOnlySpan<byte> source)
    {
        _register = Crc64XzKernel.Update(_register, source);
        _length += source.Length;
    }

    /// <summary>Adds the rest of <paramref name="stream"/> (from its current position to its end).</summary>
    /// <param name="stream">A readable stream.</param>
    public void Append(Stream stream)
    {
        if (stream is null)
        {
            throw new ArgumentNullException(nameof(stream));
        }

        byte[] buffer = ArrayPool<byte>.Shared.Rent(StreamBufferSize);
        try
        {
            int read;
            while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
            {
                Append(buffer.AsSpan(0, read));
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Adds the rest of <paramref name="stream"/> asynchronously.</summary>
    /// <param name="stream">A readable stream.</param>
    /// <param name="cancellationToken">Stops between reads.</param>
    /// <returns>A task that completes when the stream is exhausted.</returns>
    public async Task AppendAsync(Stream stream, CancellationToken cancellationToken = default)
    {
        if (stream is null)
        {
            throw new ArgumentNullException(nameof(stream));
        }

        byte[] buffer = ArrayPool<byte>.Shared.Rent(StreamBufferSize);
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer, 0, buffer.Length, cancellationToken).ConfigureAwait(false)) > 0)
            {
                Append(buffer.AsSpan(0, read));
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>The CRC of everything appended so far, without resetting.</summary>
    /// <returns>The CRC-64/XZ value, as COS and OSS print it in decimal.</returns>
    public ulong GetCurrentHashAsUInt64() => ~_register;

    /// <summary>The CRC of everything appended so far as 8 big-endian bytes (the order its hex form is read in).</summary>
    /// <returns>A new 8-byte array.</returns>
    public byte[] GetCurrentHash()
    {
        var bytes = new byte[HashLengthInBytes];
        BinaryPrimitives.WriteUInt64BigEndian(bytes, GetCurrentHashAsUInt64());
        return bytes;
    }

    /// <summary>Returns to the state after construction (empty, or the continued-from CRC).</summary>
    public void Reset()
    {
        _register = ~_initialCrc;
        _length = _initialLength;
    }

    /// <summary>Computes the CRC-64/XZ of <paramref name="source"/>.</summary>
    /// <param name="source">The bytes to hash.</param>
    /// <returns>The CRC value.</returns>
    public static ulong Hash(ReadOnlySpan<byte> source) => ~Crc64XzKernel.Update(ulong.MaxValue, source);

    /// <summary>Continues a CRC: <c>Append(crc(A), B) == crc(A||B)</c>.</summary>
    /// <param name="previousCrc">The CRC-64/XZ of the data before <paramref name="source"/>.</param>
    /// <param name="source">The bytes that follow.</param>
    /// <returns>The CRC of the concatenation.</returns>
    public static ulong Append(ulong previousCrc, ReadOnlySpan<byte> source) => ~Crc64XzKernel.Update(~previousCrc, source);

    /// <summary>Computes the CRC-64/XZ of the rest of <paramref name="stream"/>.</summary>
    /// <param name="stream">A readable stream, hashed from its current position.</param>
    /// <returns>The CRC value.</returns>
    public static ulong Hash(Stream stream)
    {
        var crc = new Crc64Xz();
        crc.Append(stream);
        return crc.GetCurrentHashAsUInt64();
    }

    /// <summary>Computes the CRC-64/XZ of the rest of <paramref name="stream"/> asynchronously.</summary>
    /// <param name="stream">A readable stream, hashed from its current position.</param>
    /// <param name="cancellationToken">Stops between reads.</param>
    /// <returns>The CRC value.</returns>
    public static async Task<ulong> HashAsync(Stream stream, CancellationToken cancellationToken = default)
    {
        var crc = new Crc64Xz();
        await crc.AppendAsync(stream, cancellationToken).ConfigureAwait(false);
        return crc.GetCurrentHashAsUInt64();
    }

    /// <summary>
    /// Computes the CRC-64/XZ and length of a file, reading large files in parallel chunks. The result covers the bytes
    /// actually read, to the end of the file, whatever length the file system reports; a file written to while it is
    /// read is hashed once more, and a file that keeps changing is refused rather than given a CRC it never had.
    /// </summary>
    /// <param name="path">The file to hash.</param>
    /// <param name="options">Chunking, parallelism, the containing folder, pipes and devices; <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Stops between reads.</param>
    /// <returns>The CRC and the number of bytes hashed.</returns>
    /// <exception cref="Crc64XzFileException">
    /// The file leads out of <see cref="Crc64XzFileOptions.ContainingFolder"/>, is not a regular file, or changed while
    /// it was hashed twice in a row (see <see cref="Crc64XzFileException.Problem"/>).
    /// </exception>
    /// <exception cref="FileNotFoundException">The file (or the target of a symbolic link on its path) does not exist.</exception>
    public static Crc64XzFileHash HashFile(string path, Crc64XzFileOptions? options = null, CancellationToken cancellationToken = default) =>
        Crc64XzFileHasher.Hash(path, options ?? Crc64XzFileOptions.Default, cancellationToken);

    /// <summary>
    /// Opens a file for reading under exactly the rules <see cref="HashFile"/> applies before it reads (containing
    /// folder, regular files only unless pipes and devices are allowed, no blocking open), for a caller that hashes the
    /// bytes as it uses them, such as an uploader that hashes each part it sends.
    /// </summary>
    /// <param name="path">The file to open.</param>
    /// <param name="options">The containing folder and whether pipes and devices are allowed; <see langword="null"/> for the defaults.</param>
    /// <returns>An unbuffered stream positioned at the start; the caller disposes it.</returns>
    /// <exception cref="Crc64XzFileException">The file leads out of the containing folder or is not a regular file.</exception>
    /// <exception cref="FileNotFoundException">The file (or the target of a symbolic link on its path) does not exist.</exception>
    public static FileStream OpenFile(string path, Crc64XzFileOptions? options = null) =>
        Files.GuardedFileOpener.Open(path, options ?? Crc64XzFileOptions.Default).Stream;

    /// <summary>Asynchronous <see cref="HashFile"/>: the reads run on the thread pool and honour cancellation.</summary>
    /// <param name="path">The file to hash.</param>
    /// <param name="options">Chunking and parallelism; <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Stops between chunks.</param>
    /// <returns>The CRC and the number of bytes hashed.</returns>
    public static Task<Crc64XzFileHash> HashFileAsync(string path, Crc64XzFileOptions? options = null, CancellationToken cancellationToken = default) =>
        Task.Run(() => HashFile(path, options, cancellationToken), cancellationToken);

    /// <summary>
    /// Combines the CRCs of two adjacent pieces of data without the data: <c>Combine(crc(A), crc(B), len(B)) == crc(A||B)</c>.
    /// Runs in O(log lengthB) carry-less multiplications (well under a microsecond for any length up to terabytes).
    /// </summary>
    /// <param name="crcA">CRC of the first piece.</param>
    /// <param name="crcB">CRC of the second piece.</param>
    /// <param name="lengthB">Length of the second piece in bytes.</param>
    /// <returns>The CRC of the concatenation.</returns>
    public static ulong Combine(ulong crcA, ulong crcB, long lengthB) => Crc64XzCombine.Combine(crcA, crcB, lengthB);
}
