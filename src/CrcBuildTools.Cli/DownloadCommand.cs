using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using CrcBuildTools.ObjectStorage;
using CrcBuildTools.Manifests;

namespace CrcBuildTools.Cli;

/// <summary>
/// <c>crc64xz download SOURCE DEST</c>: the release SOURCE names (manifest or channel pointer) into folder DEST,
/// every file verified against the manifest; DEST ends as exactly the verified release or as it was.
/// </summary>
internal static class DownloadCommand
{
    private static readonly string[] Flags = StorageCommandOptions.With(StorageCommandOptions.Flags, "--delete-extra", "--require-crc-header");
    private static readonly string[] Options = StorageCommandOptions.With(StorageCommandOptions.Options, "--parallelism", "--range-size");

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, Func<string, string?> environment, CancellationToken cancellationToken)
    {
        CommandLine line = CommandLine.Parse("download", args, Flags, Options);
        if (line.Positionals.Count != 2)
        {
            throw new UsageException("'download' takes SOURCE and DEST: crc64xz download oss://bucket/MyApp/channels/stable.json /srv/myapp.");
        }

        var options = new DownloadOptions
        {
            Parallelism = line.Int("--parallelism", 4, 1, 64),
            RangeSize = line.Bytes("--range-size", 8 * ObjectStorageOptions.MiB),
            DeleteExtraFiles = line.Has("--delete-extra"),
            RequireServerChecksum = line.Has("--require-crc-header"),
        };
        bool json = line.Has("--json");
        return StorageCommand.Run("download", json, stdout, stderr, async () =>
        {
            ReleaseSource source = StorageCommandOptions.Source(line, line.Positionals[0], environment);
            var progress = new ConsoleProgress(stderr, line.Has("--quiet"));
            progress.Say($"Downloading {source} into {Path.GetFullPath(line.Positionals[1])}");
            using var downloader = new ReleaseDownloader(source, options, progress);
            DownloadSummary summary = await downloader.DownloadAsync(line.Positionals[1], cancellationToken).ConfigureAwait(false);
            if (json)
            {
                JsonOutput.Write(stdout, w => Write(w, summary));
            }
            else
            {
                stdout.WriteLine(DisplayText.OfLines(summary.ToString()));
            }

            return ExitCodes.Success;
        }, cancellationToken);
    }

    private static void Write(System.Text.Json.Utf8JsonWriter w, DownloadSummary summary)
    {
        w.WriteString("command", "download");
        w.WriteBoolean("success", true);
        w.WriteString("source", summary.Source);
        w.WriteString("destination", summary.Destination);
        JsonOutput.Optional(w, "version", summary.Version);
        w.WriteNumber("filesFetched", summary.FilesFetched);
        w.WriteNumber("filesKept", summary.FilesKept);
        w.WriteNumber("bytesFetched", summary.BytesFetched);
        w.WriteNumber("bytesKept", summary.BytesKept);
        w.WriteNumber("verifiedWithHeader", summary.VerifiedWithHeader);
        w.WriteNumber("verifiedWithoutHeader", summary.VerifiedWithoutHeader);
        w.WriteNumber("previousReleaseFilesRemoved", summary.PreviousReleaseFilesRemoved);
        w.WriteBoolean("destinationChanged", summary.DestinationChanged);
        w.WriteNumber("elapsedSeconds", Math.Round(summary.Elapsed.TotalSeconds, 3));
        w.WriteBoolean("extraFilesDeleted", summary.ExtraFilesDeleted);
        w.WriteStartArray("extraFiles");
        foreach (string extra in summary.ExtraFiles)
        {
            w.WriteStringValue(extra);
        }

        w.WriteEndArray();
        w.WriteStartArray("files");
        foreach (DownloadFileResult file in summary.Files)
        {
            w.WriteStartObject();
            w.WriteString("path", file.Path);
            w.WriteNumber("length", file.Length);
            JsonOutput.Crc(w, "crc64", file.Crc64);
            w.WriteBoolean("kept", file.Kept);
            w.WriteString("crcHeader", file.Header switch { CrcHeaderState.Matched => "matched", CrcHeaderState.Missing => "missing", _ => "not-requested" });
            w.WriteNumber("ranges", file.Ranges);
            w.WriteNumber("resumedRanges", file.ResumedRanges);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }
}
