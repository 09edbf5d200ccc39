namespace CrcBuildTools.Emulator;

/// <summary>What goes wrong.</summary>
public enum FaultKind
{
    /// <summary>The stored bytes get one bit flipped; the CRC header honestly describes the damaged bytes.</summary>
    CorruptStoredBody,

    /// <summary>Bytes stored fine, but the CRC header is off by one bit.</summary>
    WrongCrcHeader,

    /// <summary>The CRC header is left out.</summary>
    MissingCrcHeader,

    /// <summary>500 InternalError, nothing stored.</summary>
    InternalError,

    /// <summary>503 SlowDown, nothing stored.</summary>
    SlowDown,

    /// <summary>Half the request body is read, then the connection is reset.</summary>
    ConnectionReset,

    /// <summary>The answer comes after <see cref="EmulatorOptions.SlowAnswerDelay"/>.</summary>
    SlowAnswer,

    /// <summary>COS only: Complete answers 200 with an &lt;Error&gt; body and completes nothing.</summary>
    CompleteReturnsError,
}
