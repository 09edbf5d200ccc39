using System;
using System.IO;
using System.Threading;
using CrcBuildTools.Manifests;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
// The rules for manifest paths, named apart from this task's own ManifestPath property (the manifest file).
using ManifestPathRules = CrcBuildTools.Manifests.ManifestPath;

namespace CrcBuildTools.Tasks;

/// <summary>
/// Checks a folder against a CRC-64 manifest, for pipelines and deploy machines: every missing, changed and extra
/// file is logged as its own coded error, and the task fails on any difference.
/// </summary>
public sealed class VerifyCrc64Manifest : Task, ICancelableTask
{
    private readonly TaskCancellation _cancellation = new();

    /// <summary>The manifest to check against.</summary>
    /// <remarks>Not [Required]: a missing value gets the package's own coded error (CRC1008), not MSB4044.</remarks>
    public string? ManifestPath { get; set; }

    /// <summary>The folder to check; empty means the manifest's own folder.</summary>
    public string? Folder { get; set; }

    /// <summary>Tolerate files the manifest does not list.</summary>
    public bool AllowExtraFiles { get; set; }

    /// <summary>Hashing workers (<c>Crc64ManifestParallelism</c>): 0 (one per core, the default) to 512.</summary>
    public string? MaxDegreeOfParallelism { get; set; }

    /// <summary>How many files matched.</summary>
    [Output]
    public int VerifiedFileCount { get; private set; }

    /// <summary>How many differences were found.</summary>
    [Output]
    public int ProblemCount { get; private set; }

    /// <inheritdoc />
    public void Cancel() => _cancellation.Cancel();

    /// <inheritdoc />
    public override bool Execute()
    {
        if (string.IsNullOrWhiteSpace(ManifestPath))
        {
            Crc64TaskLog.Error(Log, Crc64ErrorCodes.BadConfiguration, null, "No manifest to verify. Set Crc64VerifyManifest to the path of a *.crc64.json file, for example -p:Crc64VerifyManifest=/srv/app/MyApp.crc64.json.");
            return false;
        }

        if (!Crc64TaskSettings.TryParallelism(Log, MaxDegreeOfParallelism, out int parallelism))
        {
            return false;
        }

        if (FullPathOrError("Crc64VerifyManifest", ManifestPath!) is not string manifestPath ||
            (string.IsNullOrWhiteSpace(Folder) ? Path.GetDirectoryName(manifestPath) : FullPathOrError("Crc64VerifyFolder", Folder!)) is not string folder)
        {
            return false;
        }

        using TaskCancellation.Scope cancellation = _cancellation.Begin();
        try
        {
            Crc64Manifest manifest = Crc64ManifestReader.Read(manifestPath, cancellation.Token);
            using CoreReservation cores = CoreReservation.Request(BuildEngine, parallelism > 0 ? parallelism : Environment.ProcessorCount);
            string? manifestInFolder = ManifestPathRules.FromFileSystem(folder, manifestPath);
            Crc64VerificationResult result = Crc64FolderVerifier.Verify(
                manifest,
                folder,
                manifestInFolder is null ? null : new[] { manifestInFolder },
                AllowExtraFiles,
                cores.Workers,
                cancellation.Token);
            foreach (Crc64VerificationProblem problem in result.Problems)
            {
                Crc64TaskLog.Error(Log, problem.Code, problem.FullPath, problem.Message);
            }

            VerifiedFileCount = result.FilesVerified;
            ProblemCount = result.Problems.Count;
            if (result.Success)
            {
                Log.LogMessage(MessageImportance.High, "'{0}' matches the manifest '{1}': {2} files verified.", folder, manifestPath, result.FilesVerified);
            }
            else
            {
                Log.LogMessage(MessageImportance.High, "'{0}' does not match the manifest '{1}': {2} differences, {3} files verified.", folder, manifestPath, result.Problems.Count, result.FilesVerified);
            }
        }
        catch (Crc64ManifestException e)
        {
            Crc64TaskLog.Error(Log, e);
        }
        catch (OperationCanceledException)
        {
            Log.LogMessage(MessageImportance.High, "CRC-64 verification cancelled.");
            return false;
        }

        return !Log.HasLoggedErrors;
    }

    private string? FullPathOrError(string property, string path)
    {
        try
        {
            return Path.GetFullPath(path);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            Crc64TaskLog.Error(Log, Crc64ErrorCodes.BadConfiguration, null, $"{property} is '{DisplayText.Of(path)}', which is not a valid path ({e.Message}). Pass the path of a *.crc64.json file and of the folder it describes.");
            return null;
        }
    }
}
