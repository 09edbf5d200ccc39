using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Threading;
using CrcBuildTools.ObjectStorage;
using CrcBuildTools.Manifests;

namespace CrcBuildTools.Cli;

/// <summary>
/// <c>crc64xz cleanup PREFIX-URL [--abort] [--older-than 1d]</c>: lists the unfinished multipart uploads under a
/// prefix (key, upload id, age) and, with <c>--abort</c>, aborts them. Exit 1 if any abort failed.
/// </summary>
internal static class CleanupCommand
{
    private static readonly string[] Flags = StorageCommandOptions.With(StorageCommandOptions.Flags, "--abort");
    private static readonly string[] Options = StorageCommandOptions.With(StorageCommandOptions.Options, "--older-than");

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, Func<string, string?> environment, CancellationToken cancellationToken)
    {
        CommandLine line = CommandLine.Parse("cleanup", args, Flags, Options);
        if (line.Positionals.Count != 1)
        {
            throw new UsageException("'cleanup' takes PREFIX-URL: crc64xz cleanup cos://bucket/MyApp/ [--abort] [--older-than 1d].");
        }

        TimeSpan? olderThan = line.Duration("--older-than");
        bool abort = line.Has("--abort");
        bool json = line.Has("--json");
        return StorageCommand.Run("cleanup", json, stdout, stderr, async () =>
        {
            ReleaseSource prefix = StorageCommandOptions.Source(line, line.Positionals[0], environment);
            using var cleaner = new UnfinishedUploadCleaner(prefix);
            DateTimeOffset now = DateTimeOffset.UtcNow;
            IReadOnlyList<UnfinishedUpload> uploads = await cleaner.ListAsync(olderThan, now, cancellationToken).ConfigureAwait(false);
            var aborted = new bool[uploads.Count];
            int failures = 0;
            for (int i = 0; i < uploads.Count; i++)
            {
                string age = uploads[i].AgeAt(now) is TimeSpan a ? FormatAge(a) : "unknown age";
                if (!json)
                {
                    stdout.WriteLine(DisplayText.OfLines(uploads[i].Key) + "\t" + DisplayText.OfLines(uploads[i].UploadId) + "\t" + age);
                }

                if (abort)
                {
                    try
                    {
                        await cleaner.AbortAsync(uploads[i], cancellationToken).ConfigureAwait(false);
                        aborted[i] = true;
                        stderr.WriteLine(DisplayText.OfLines($"aborted  {uploads[i].Key} (upload {uploads[i].UploadId})"));
                    }
                    catch (ObjectStorageException e)
                    {
                        failures++;
                        CliContext.WriteError(stderr, e.Code, e.Message);
                    }
                }
            }

            string summary = uploads.Count == 0
                ? $"No unfinished multipart uploads under {prefix}" + (olderThan is null ? "." : " older than " + FormatAge(olderThan.Value) + ".")
                : abort
                    ? $"Aborted {uploads.Count - failures} of {uploads.Count} unfinished multipart upload(s) under {prefix}."
                    : $"{uploads.Count} unfinished multipart upload(s) under {prefix}; their parts are billed until aborted. Run again with --abort to abort them.";
            if (json)
            {
                JsonOutput.Write(stdout, w =>
                {
                    w.WriteString("command", "cleanup");
                    w.WriteBoolean("success", failures == 0);
                    w.WriteString("prefix", prefix.ToString());
                    w.WriteStartArray("uploads");
                    for (int i = 0; i < uploads.Count; i++)
                    {
                        w.WriteStartObject();
                        w.WriteString("key", uploads[i].Key);
                        w.WriteString("uploadId", uploads[i].UploadId);
                        JsonOutput.Optional(w, "initiated", uploads[i].Initiated?.ToString("o", CultureInfo.InvariantCulture));
                        JsonOutput.Number(w, "ageSeconds", uploads[i].AgeAt(now) is TimeSpan a ? (long)a.TotalSeconds : null);
                        w.WriteBoolean("aborted", aborted[i]);
                        w.WriteEndObject();
                    }

                    w.WriteEndArray();
                });
            }
            else
            {
                stderr.WriteLine(DisplayText.OfLines(summary));
            }

            return failures == 0 ? ExitCodes.Success : ExitCodes.Failure;
        }, cancellationToken);
    }

    private static string FormatAge(TimeSpan age) => age.TotalDays >= 1
        ? age.TotalDays.ToString("0.0", CultureInfo.InvariantCulture) + " d"
        : age.TotalHours >= 1 ? age.TotalHours.ToString("0.0", CultureInfo.InvariantCulture) + " h"
        : age.TotalMinutes.ToString("0", CultureInfo.InvariantCulture) + " min";
}
