namespace CrcBuildTools.Hashing.Files;

/// <summary>
/// What a file is and the facts that change whenever it is written: length, modification and change time (in
/// nanoseconds where the platform has them), and its identity. Two equal statuses taken before and after a read mean
/// no write happened in between, as far as the file system can tell.
/// </summary>
internal readonly record struct FileStatus(Crc64XzFileKind Kind, bool IsLink, long Length, long ModifiedNanoseconds, long ChangedNanoseconds, long FileId);
