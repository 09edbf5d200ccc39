using System;
using CrcBuildTools.ObjectStorage;
using Microsoft.Build.Utilities;

namespace CrcBuildTools.Tasks;

/// <summary>Logs CRC3xxx failures with the code in MSBuild's code column and the file they concern.</summary>
internal static class Crc64UploadErrors
{
    public static void Log(TaskLoggingHelper log, string code, string? file, string message) =>
        log.LogError(null, code, code, file, 0, 0, 0, 0, "{0}", StripCode(code, message));

    public static void Log(TaskLoggingHelper log, ObjectStorageException exception) =>
        Log(log, exception.Code, exception.FilePath, exception.Message);

    /// <summary>Library messages begin with "CRC3xxx: "; MSBuild prints the code itself.</summary>
    public static string StripCode(string code, string message) =>
        message.StartsWith(code + ": ", StringComparison.Ordinal) ? message.Substring(code.Length + 2) : message;
}
