using CrcBuildTools.Manifests;
using CrcBuildTools.ObjectStorage;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace CrcBuildTools.Tasks;

/// <summary>
/// Logs coded task failures (CRC1xxx, CRC2xxx, CRC3xxx) uniformly: the code as error code and help keyword, the help
/// link of its doc page from <see cref="ErrorCodeRegistry"/>, and the file it concerns. The text goes through "{0}" so
/// that braces in paths are never taken for format items.
/// </summary>
internal static class Crc64TaskLog
{
    public static void Error(TaskLoggingHelper log, string code, string? file, string message, int line = 0, int column = 0) =>
        log.LogError(subcategory: null, errorCode: code, helpKeyword: code, helpLink: ErrorCodeRegistry.HelpLink(code), file: file, lineNumber: line, columnNumber: column, endLineNumber: 0, endColumnNumber: 0, message: "{0}", message);

    public static void Error(TaskLoggingHelper log, Crc64ManifestException exception) =>
        Error(log, exception.Code, exception.FilePath, exception.Message, exception.Line, exception.Column);

    public static void Error(TaskLoggingHelper log, ObjectStorageException exception) =>
        Error(log, exception.Code, exception.FilePath, exception.Message);

    public static void Warning(TaskLoggingHelper log, string code, string? file, string message) =>
        log.LogWarning(subcategory: null, warningCode: code, helpKeyword: code, helpLink: ErrorCodeRegistry.HelpLink(code), file: file, lineNumber: 0, columnNumber: 0, endLineNumber: 0, endColumnNumber: 0, message: "{0}", message);

    /// <summary>
    /// A coded notice (something the task did on its own, not a problem) at high importance, so that it shows at the
    /// default verbosity. A message has no code or link field in MSBuild, so both go into the text.
    /// </summary>
    public static void Notice(TaskLoggingHelper log, string code, string message) =>
        log.LogMessage(MessageImportance.High, "{0}: {1} ({2})", code, message, ErrorCodeRegistry.HelpLink(code));
}
