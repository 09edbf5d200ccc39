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

    /// <summary>GET Object, whole or ranged.</summary>
    Get,

    /// <summary>Abort Multipart Upload.</summary>
    Abort,

    /// <summary>List Parts of one upload.</summary>
    ListParts,

    /// <summary>DELETE Object.</summary>
    Delete,

    /// <summary>Listing the bucket (COS GET Bucket, OSS ListObjects and ListObjectsV2); the rule's key matches the prefix.</summary>
    ListObjects,

    /// <summary>ListMultipartUploads; the rule's key matches the prefix.</summary>
    ListUploads,
}
