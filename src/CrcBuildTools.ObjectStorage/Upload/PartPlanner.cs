using System;

namespace CrcBuildTools.ObjectStorage.Upload;

/// <summary>Chooses the part size so no file needs more than 10,000 parts.</summary>
internal static class PartPlanner
{
    /// <summary>
    /// The configured size, or, for files that would need more than 10,000 parts, the smallest whole number of MiB
    /// that fits them in 10,000. Growing in MiB steps keeps buffers pool-friendly.
    /// </summary>
    public static long PartSize(long fileLength, long configuredPartSize)
    {
        long needed = (fileLength + ObjectStorageOptions.MaxPartCount - 1) / ObjectStorageOptions.MaxPartCount;
        if (needed <= configuredPartSize)
        {
            return configuredPartSize;
        }

        long mib = ObjectStorageOptions.MiB;
        return Math.Min(ObjectStorageOptions.MaxPartSize, (needed + mib - 1) / mib * mib);
    }

    public static int PartCount(long fileLength, long partSize) =>
        fileLength == 0 ? 1 : checked((int)((fileLength + partSize - 1) / partSize));
}
