namespace CrcBuildTools.Emulator;

/// <summary>Which request a fault hits.</summary>
public enum FaultStage
{
    /// <summary>PUT Object (single PUT).</summary>
    Put,

    /// <summary>Upload Part (optionally one part number).</summary>
    Part,

    /// <summary>Complete Multipart Upload.</summary>
    Complete,

    /// <summary>Initiate Multipart Upload.</summary>
    Initiate,

    /// <summary>HEAD Object.</summary>
    Head,

    /// <summary>GET Object.</summary>
    Get,

    /// <summary>Abort Multipart Upload.</summary>
    Abort,
}
