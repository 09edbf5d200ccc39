namespace CrcBuildTools.Emulator;

/// <summary>What goes wrong.</summary>
public enum FaultKind
{
    /// <summary>Writes: the stored bytes get one bit flipped; the CRC header honestly describes the damaged bytes.</summary>
    CorruptStoredBody,

    /// <summary>Any answer with a CRC header (writes, HEAD, GET): the bytes are fine, the header is off by one bit.</summary>
    WrongCrcHeader,

    /// <summary>Any answer with a CRC header: the header is left out.</summary>
    MissingCrcHeader,

    /// <summary>500 InternalError, nothing stored.</summary>
    InternalError,

    /// <summary>503 SlowDown, nothing stored.</summary>
    SlowDown,

    /// <summary>Half the request body is read, then the connection is reset (for a GET: reset before any answer).</summary>
    ConnectionReset,

    /// <summary>The answer comes after <see cref="EmulatorOptions.SlowAnswerDelay"/>.</summary>
    SlowAnswer,

    /// <summary>COS only: Complete answers 200 with an &lt;Error&gt; body and completes nothing.</summary>
    CompleteReturnsError,

    /// <summary>GET: one bit of the bytes sent is flipped in transit; headers (CRC, ETag, length) describe the stored object.</summary>
    CorruptResponseBody,

    /// <summary>GET: the full Content-Length is announced, half the body is sent, then the connection is cut.</summary>
    TruncatedBody,

    /// <summary>GET: half the body is sent, then nothing for <see cref="EmulatorOptions.SlowAnswerDelay"/>, then the rest.</summary>
    StalledBody,

    /// <summary>
    /// Before the request is served, the object under its key is replaced by other bytes of the same length (a new
    /// CRC, ETag and Last-Modified), as if someone overwrote it between two requests; the request is then answered
    /// from the new object (an If-Match with the old ETag gets 412).
    /// </summary>
    ObjectReplaced,

    /// <summary>
    /// Complete: the object is completed and stored as usual, then the connection is cut before any answer is sent,
    /// as when an answer is lost on the way back. A retry finds the upload gone (NoSuchUpload), as at the services.
    /// </summary>
    CompleteAnswerLost,
}
