using System;
using System.Collections.Generic;

namespace CrcBuildTools.Emulator;

/// <summary>A stored object: length and CRC always, bytes unless the emulator was told not to keep them.</summary>
/// <param name="Key">The object key.</param>
/// <param name="Length">Its length in bytes.</param>
/// <param name="Crc64">Its CRC-64/XZ, the value of the CRC header.</param>
/// <param name="ETag">Its ETag, quotes included, as the service prints it.</param>
/// <param name="Bytes">Its content; null when <see cref="EmulatorOptions.KeepObjectBytes"/> is false.</param>
public sealed record StoredObject(string Key, long Length, ulong Crc64, string ETag, byte[]? Bytes)
{
    /// <summary>When it was written, to the second (HTTP dates carry no more); the Last-Modified header.</summary>
    public DateTimeOffset LastModified { get; init; } = ServiceTime.Now();

    /// <summary>
    /// The request headers the service keeps with the object and answers HEAD and GET with: Content-Type,
    /// Cache-Control, Content-Disposition, Content-Encoding, Content-Language, Expires and every user metadata
    /// header (<c>x-cos-meta-*</c> / <c>x-oss-meta-*</c>). Names in lower case.
    /// </summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = StoredHeaders.None;

    /// <summary>
    /// False for an object the service keeps no CRC-64 for (written before the feature existed, or copied from
    /// one): HEAD and GET then carry no CRC header at all, on every request.
    /// </summary>
    public bool HasCrcHeader { get; init; } = true;

    /// <summary>The number of parts it was completed from; 0 for a single PUT.</summary>
    public int PartCount { get; init; }
}

/// <summary>A part of an in-progress multipart upload.</summary>
/// <param name="PartNumber">1 to 10,000.</param>
/// <param name="Length">Its length in bytes.</param>
/// <param name="Crc64">Its CRC-64/XZ.</param>
/// <param name="ETag">Its ETag, quotes included.</param>
/// <param name="Bytes">Its content; null when <see cref="EmulatorOptions.KeepObjectBytes"/> is false.</param>
public sealed record StoredPart(int PartNumber, long Length, ulong Crc64, string ETag, byte[]? Bytes)
{
    /// <summary>The part's MD5, from which the multipart ETag is built; null in lean mode (no bytes kept).</summary>
    public byte[]? Md5 { get; init; }

    /// <summary>When it was uploaded (ListParts shows it).</summary>
    public DateTimeOffset LastModified { get; init; } = ServiceTime.Now();
}
