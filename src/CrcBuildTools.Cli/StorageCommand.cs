using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using CrcBuildTools.ObjectStorage;

namespace CrcBuildTools.Cli;

/// <summary>
/// What download, audit and cleanup share around their work: a coded error on stderr (and in the JSON), exit 1 for
/// any failure, CRC4050 for a cancellation (Ctrl+C or SIGTERM), and never a stack trace.
/// </summary>
internal static class StorageCommand
{
    public static int Run(string command, bool json, TextWriter stdout, TextWriter stderr, Func<Task<int>> body, CancellationToken cancellationToken)
    {
        ObjectStorageException? failure;
        try
        {
            return body().GetAwaiter().GetResult();
        }
        catch (ObjectStorageException e)
        {
            failure = e;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            failure = new ObjectStorageException(DownloadErrorCodes.Cancelled, $"'{command}' was cancelled",
                "Nothing was left half done: DEST is as it was, and a download resumes where it stopped when run again.");
        }

        CliContext.WriteError(stderr, failure.Code, failure.Message);
        if (json)
        {
            JsonOutput.Write(stdout, w =>
            {
                w.WriteString("command", command);
                w.WriteBoolean("success", false);
                JsonOutput.Error(w, failure);
            });
        }

        return ExitCodes.Failure;
    }
}
