using System;
using System.Text;
using CrcBuildTools.Hashing;

namespace CrcBuildTools.ObjectStorage;

/// <summary>
/// The one exception the uploader throws for anything the user must act on. It carries a CRC3xxx code and every
/// fact the vendors' support and the user need: the file, the object key, both CRCs, the service's answer and its
/// request id, and what to do. It never carries a secret: no field is ever filled from the credentials.
/// </summary>
public sealed class ObjectStorageException : Exception
{
    /// <summary>Creates the exception; the message is composed from the parts so every error reads the same way.</summary>
    /// <param name="code">The CRC3xxx code (see <see cref="StorageErrorCodes"/>).</param>
    /// <param name="summary">What went wrong, in one sentence.</param>
    /// <param name="advice">What the user should do about it.</param>
    /// <param name="innerException">The underlying exception, if any.</param>
    public ObjectStorageException(string code, string summary, string advice, Exception? innerException = null)
        : base(summary, innerException)
    {
        Code = code;
        Summary = summary;
        Advice = advice;
    }

    /// <summary>The CRC3xxx code.</summary>
    public string Code { get; }

    /// <summary>What went wrong, without the details below.</summary>
    public string Summary { get; }

    /// <summary>What the user should do.</summary>
    public string Advice { get; }

    /// <summary>The local file concerned, if any.</summary>
    public string? FilePath { get; init; }

    /// <summary>The object key concerned, if any.</summary>
    public string? ObjectKey { get; init; }

    /// <summary>The multipart part number concerned, if any.</summary>
    public int? PartNumber { get; init; }

    /// <summary>The CRC-64 computed locally, if known.</summary>
    public ulong? LocalCrc { get; init; }

    /// <summary>The CRC-64 the service reported, if any.</summary>
    public ulong? RemoteCrc { get; init; }

    /// <summary>The HTTP status of the last answer, if any.</summary>
    public int? HttpStatus { get; init; }

    /// <summary>The vendor's error code (e.g. <c>SignatureDoesNotMatch</c>), if any.</summary>
    public string? ServiceErrorCode { get; init; }

    /// <summary>The vendor's error message, if any.</summary>
    public string? ServiceMessage { get; init; }

    /// <summary>The vendor's request id (<c>x-cos-request-id</c> / <c>x-oss-request-id</c>), if any.</summary>
    public string? RequestId { get; init; }

    /// <inheritdoc />
    public override string Message
    {
        get
        {
            var text = new StringBuilder();
            // The code is not part of the text: it is Code, which hosts print beside the message (MSBuild's code
            // column, the CLI's "error CRCnnnn: ").
            text.Append(Summary);
            Append(text, "file", FilePath);
            Append(text, "object key", ObjectKey);
            if (PartNumber is int part)
            {
                Append(text, "part", part.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            Append(text, "local CRC-64", LocalCrc is ulong local ? Crc64XzFormat.ToDecimalString(local) : null);
            Append(text, "remote CRC-64", RemoteCrc is ulong remote ? Crc64XzFormat.ToDecimalString(remote) : null);
            Append(text, "HTTP status", HttpStatus?.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Append(text, "service error", ServiceErrorCode);
            Append(text, "service message", ServiceMessage);
            Append(text, "request id", RequestId);
            text.Append(". ").Append(Advice);
            return text.ToString();
        }
    }

    private static void Append(StringBuilder text, string label, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            text.Append("; ").Append(label).Append(": ").Append(value);
        }
    }
}
