using System;
using System.Collections.Concurrent;
using System.Globalization;
using System.Threading;
using CrcBuildTools.ObjectStorage;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using MSBuildTask = Microsoft.Build.Utilities.Task;

namespace CrcBuildTools.Tasks;

/// <summary>
/// Uploads a publish folder to Tencent COS or Alibaba OSS and verifies every object and part by CRC-64, then the
/// manifest last. What is uploaded is what the manifest lists (<see cref="ManifestUploadPlan"/>). Thin glue over
/// <see cref="ReleaseUploader"/>: settings come from properties, credentials only from environment variables
/// (properties end up in logs and binlogs). Every failure is a CRC3xxx error.
/// </summary>
public sealed class Crc64Upload : MSBuildTask, ICancelableTask
{
    private readonly TaskCancellation _cancellation = new();

    /// <summary>
    /// Optional, for targets written before the manifest drove the upload: items with RelativePath (and Length, Crc64)
    /// metadata. They must name exactly the files the manifest lists, with the same values (else CRC3060); the
    /// manifest alone decides what is uploaded.
    /// </summary>
    public ITaskItem[] Files { get; set; } = Array.Empty<ITaskItem>();

    /// <summary>
    /// The publish manifest: it lists what to upload (the files beside it) and is uploaded last. Not [Required]: a
    /// missing value is CRC3060, not MSB4044.
    /// </summary>
    public string ManifestPath { get; set; } = "";

    /// <summary><c>cos</c> or <c>oss</c>.</summary>
    public string? Provider { get; set; }

    /// <summary>COS: <c>name-appid</c>; OSS: the bucket name.</summary>
    public string? Bucket { get; set; }

    /// <summary>The bucket's region.</summary>
    public string? Region { get; set; }

    /// <summary>Base URL override; the signature still names the bucket.</summary>
    public string? Endpoint { get; set; }

    /// <summary>Object key prefix.</summary>
    public string? Prefix { get; set; }

    /// <summary>HEAD first and skip objects with the same length and CRC.</summary>
    public bool SkipUnchanged { get; set; } = true;

    /// <summary>A missing CRC header is an error (true) or a warning (false).</summary>
    public bool RequireServerChecksum { get; set; } = true;

    /// <summary>OSS: <c>4</c> (default) or <c>1</c>.</summary>
    public string? SignatureVersion { get; set; }

    // The numbers arrive as text and are parsed here, so "abc", "-5" or "5000000" get CRC3006 with the property's
    // name and range, never MSBuild's MSB4030, an exception, or a silent fallback to the default.

    /// <summary>Bytes per multipart part (<c>Crc64UploadPartSize</c>); empty keeps the default.</summary>
    public string? PartSize { get; set; }

    /// <summary>Files above this many bytes go multipart (<c>Crc64UploadMultipartThreshold</c>); empty keeps the default.</summary>
    public string? MultipartThreshold { get; set; }

    /// <summary>Requests in flight (<c>Crc64UploadParallelism</c>); empty keeps the default.</summary>
    public string? Parallelism { get; set; }

    /// <summary>Attempts per request and per object or part (<c>Crc64UploadMaxAttempts</c>); empty keeps the default.</summary>
    public string? MaxAttempts { get; set; }

    /// <summary>Seconds one request may take before it is retried (<c>Crc64UploadRequestTimeoutSeconds</c>); empty keeps the default.</summary>
    public string? RequestTimeoutSeconds { get; set; }

    /// <summary>Allow plain http to a non-loopback endpoint.</summary>
    public bool AllowInsecureHttp { get; set; }

    /// <summary>When set (e.g. <c>stable</c>), a channel pointer to this release is uploaded last of all.</summary>
    public string? Channel { get; set; }

    /// <summary>The channel pointer's object key.</summary>
    public string? ChannelKey { get; set; }

    /// <summary>The release version the channel pointer records.</summary>
    public string? ReleaseVersion { get; set; }

    /// <summary>Files uploaded, the manifest included.</summary>
    [Output]
    public int UploadedCount { get; private set; }

    /// <summary>Files skipped as unchanged.</summary>
    [Output]
    public int SkippedCount { get; private set; }

    /// <inheritdoc />
    public void Cancel() => _cancellation.Cancel();

    /// <inheritdoc />
    public override bool Execute()
    {
        if (string.IsNullOrWhiteSpace(ManifestPath))
        {
            Crc64TaskLog.Error(Log, StorageErrorCodes.InvalidUploadItem, null,
                "Crc64Upload needs the publish manifest (ManifestPath): it is uploaded last to mark the release complete. Run it after Crc64WritePublishManifest, as the package's targets do.");
            return false;
        }

        ObjectStorageOptions? options = BuildOptions();
        ManifestUploadPlan? plan = options is null ? null : ManifestUploadPlan.Build(Log, ManifestPath, Files);
        if (options is null || plan is null)
        {
            return false;
        }

        using TaskCancellation.Scope cancellation = _cancellation.Begin();
        using TerminationSignal terminated = TerminationSignal.Listen(cancellation.Source);

        try
        {
            StorageCredentials credentials = StorageCredentials.FromEnvironment(options.Provider!.Value);
            CredentialLogExposure.WarnIfLogged(Log, options.Provider.Value, Environment.GetEnvironmentVariable);
            Log.LogMessage(MessageImportance.Normal, "Uploading {0} file(s) and the manifest to {1} bucket '{2}' under '{3}' with key {4}",
                plan.Files.Count, options.Provider.Value.ToString().ToUpperInvariant(), options.Bucket, options.Prefix, credentials);
            UploadSummary summary = RunWithQueuedLogging(options, credentials, plan, cancellation.Token);
            UploadedCount = summary.FilesUploaded;
            SkippedCount = summary.FilesSkipped;
            Log.LogMessage(MessageImportance.High, "Crc64Upload: {0}", summary);
        }
        catch (ObjectStorageException e)
        {
            Crc64TaskLog.Error(Log, e);
        }
        catch (OperationCanceledException) when (terminated.Received)
        {
            Crc64TaskLog.Error(Log, StorageErrorCodes.TerminatedBySignal, null,
                "The upload was stopped by SIGTERM. Open multipart uploads were aborted and the manifest was not uploaded, so the release is not marked complete. Publish again.");
        }
        catch (OperationCanceledException)
        {
            Crc64TaskLog.Error(Log, StorageErrorCodes.Cancelled, null,
                "The upload was cancelled. Open multipart uploads were aborted and the manifest was not uploaded, so the release is not marked complete.");
        }

        return !Log.HasLoggedErrors;
    }

    private UploadSummary RunWithQueuedLogging(ObjectStorageOptions options, StorageCredentials credentials, ManifestUploadPlan plan, CancellationToken cancellationToken)
    {
        using var queue = new BlockingCollection<Action<TaskLoggingHelper>>();
        using var client = new ObjectStorageClient(options, credentials);
        var uploader = new ReleaseUploader(client, new Crc64UploadObserver(queue));
        ReleaseChannel? channel = string.IsNullOrWhiteSpace(Channel)
            ? null
            : new ReleaseChannel(Channel!.Trim(), (ChannelKey ?? "").Trim(), (ReleaseVersion ?? "").Trim());
        System.Threading.Tasks.Task<UploadSummary> upload = System.Threading.Tasks.Task.Run(() => uploader.UploadAsync(plan.Files, plan.Manifest, channel, cancellationToken));
        upload.ContinueWith(_ => queue.CompleteAdding(), System.Threading.Tasks.TaskScheduler.Default);

        // The upload keeps its node although it waits on the network: it does not IBuildEngine3.Yield. Measured with
        // SDK 10 (MSBuild 18): Ctrl+C during a yielded task ends the build at once, without waiting for the task, so
        // its CRC3050 error is never logged and the process may exit while the aborts are still in flight (the e2e
        // Ctrl+C test fails with a yield). A node kept busy costs -m builds some parallelism; orphaned parts cost money.
        // Log on this (the MSBuild) thread, as events arrive, until the upload ends.
        foreach (Action<TaskLoggingHelper> entry in queue.GetConsumingEnumerable())
        {
            entry(Log);
        }

        return upload.GetAwaiter().GetResult();
    }

    private ObjectStorageOptions? BuildOptions()
    {
        StorageProvider? provider = (Provider ?? "").Trim().ToLowerInvariant() switch
        {
            "cos" => StorageProvider.Cos,
            "oss" => StorageProvider.Oss,
            _ => null,
        };
        if (provider is null)
        {
            Crc64TaskLog.Error(Log, StorageErrorCodes.UnknownProvider, null,
                $"Crc64UploadProvider is '{Provider}'. Set it to 'cos' (Tencent COS) or 'oss' (Alibaba OSS).");
            return null;
        }

        OssSignatureVersion? version = (SignatureVersion ?? "").Trim().ToLowerInvariant() switch
        {
            "" or "4" or "v4" => OssSignatureVersion.V4,
            "1" or "v1" => OssSignatureVersion.V1,
            _ => null,
        };
        if (version is null)
        {
            Crc64TaskLog.Error(Log, StorageErrorCodes.InvalidSignatureVersion, null,
                $"Crc64UploadSignatureVersion is '{SignatureVersion}'. Use 4 (default) or 1 (legacy OSS accounts).");
            return null;
        }

        var defaults = new ObjectStorageOptions();
        long partSize = Number("Crc64UploadPartSize", PartSize, defaults.PartSize);
        long threshold = Number("Crc64UploadMultipartThreshold", MultipartThreshold, defaults.MultipartThreshold);
        long parallelism = Number("Crc64UploadParallelism", Parallelism, defaults.Parallelism);
        long attempts = Number("Crc64UploadMaxAttempts", MaxAttempts, defaults.MaxAttempts);
        long timeoutSeconds = Number("Crc64UploadRequestTimeoutSeconds", RequestTimeoutSeconds, (long)defaults.RequestTimeout.TotalSeconds);
        if (Log.HasLoggedErrors)
        {
            return null;
        }

        var options = new ObjectStorageOptions
        {
            Provider = provider,
            Bucket = (Bucket ?? "").Trim(),
            Region = (Region ?? "").Trim(),
            Endpoint = string.IsNullOrWhiteSpace(Endpoint) ? null : Endpoint!.Trim(),
            Prefix = (Prefix ?? "").Trim(),
            SkipUnchanged = SkipUnchanged,
            RequireServerChecksum = RequireServerChecksum,
            SignatureVersion = version.Value,
            PartSize = partSize,
            MultipartThreshold = threshold,
            Parallelism = (int)Math.Max(int.MinValue, Math.Min(int.MaxValue, parallelism)),
            MaxAttempts = (int)Math.Max(int.MinValue, Math.Min(int.MaxValue, attempts)),
            // Clamped only where TimeSpan itself would overflow; Validate names anything past one day as out of range.
            RequestTimeout = TimeSpan.FromSeconds(Math.Max(-1, Math.Min(timeoutSeconds, 1_000_000_000L))),
            AllowInsecureHttp = AllowInsecureHttp,
        };

        foreach (StorageConfigurationError error in options.Validate())
        {
            Crc64TaskLog.Error(Log, error.Code, null, error.Message);
        }

        return Log.HasLoggedErrors ? null : options;
    }

    /// <summary>A whole number from the property's text; empty gives the default. The range is Validate's to check.</summary>
    private long Number(string property, string? text, long defaultValue)
    {
        string trimmed = (text ?? "").Trim();
        if (trimmed.Length == 0)
        {
            return defaultValue;
        }

        if (long.TryParse(trimmed, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long value))
        {
            return value;
        }

        Crc64TaskLog.Error(Log, StorageErrorCodes.InvalidTuning, null,
            $"{property} is '{Manifests.DisplayText.Of(text!)}', which is not a whole number. Use a number in the range given in docs/upload.md, or leave it empty for the default.");
        return defaultValue;
    }
}
