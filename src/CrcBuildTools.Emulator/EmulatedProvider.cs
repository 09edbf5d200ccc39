namespace CrcBuildTools.Emulator;

/// <summary>Which service an emulator instance imitates (one bucket, one protocol per instance).</summary>
public enum EmulatedProvider
{
    /// <summary>Tencent COS: q-sign-algorithm=sha1, x-cos-* headers.</summary>
    Cos,

    /// <summary>Alibaba OSS: V4 and V1 signatures both accepted, x-oss-* headers.</summary>
    Oss,
}
