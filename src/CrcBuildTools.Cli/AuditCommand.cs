using System;
using System.IO;
using System.Threading;
using CrcBuildTools.ObjectStorage;
using CrcBuildTools.Manifests;

namespace CrcBuildTools.Cli;

/// <summary>
/// <c>crc64xz audit SOURCE</c>: the release checked in place by one HEAD per object. Each problem is printed with
/// its code on stderr; the summary (or <c>--json</c>) on stdout; exit 1 unless clean.
/// </summary>
internal static class AuditCommand
{
    private static readonly string[] Flags = StorageCommandOptions.With(StorageCommandOptions.Flags, "--list-extra", "--allow-missing-crc-header");
    private static readonly string[] Options = StorageCommandOptions.With(StorageCommandOptions.Options, "--parallelism", "--manifest");

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, Func<string, string?> environment, CancellationToken cancellationToken)
    {
        CommandLine line = CommandLine.Parse("audit", args, Flags, Options);
        if (line.Positionals.Count != 1)
        {
            throw new UsageException("'audit' takes SOURCE: crc64xz audit cos://bucket/MyApp/1.2.3/MyApp.crc64.json [--manifest LOCAL.crc64.json] [--list-extra].");
        }

        var options = new AuditOptions
        {
            Parallelism = line.Int("--parallelism", 16, 1, 64),
            ListExtraObjects = line.Has("--list-extra"),
            LocalManifestPath = line.Value("--manifest") is string local ? Path.GetFullPath(local) : null,
            AllowMissingCrcHeader = line.Has("--allow-missing-crc-header"),
        };
        bool json = line.Has("--json");
        return StorageCommand.Run("audit", json, stdout, stderr, async () =>
        {
            ReleaseSource source = StorageCommandOptions.Source(line, line.Positionals[0], environment);
            using var auditor = new ReleaseAuditor(source, options);
            AuditReport report = await auditor.AuditAsync(cancellationToken).ConfigureAwait(false);
            foreach (AuditFinding finding in report.Findings)
            {
                if (finding.State != AuditState.Verified)
                {
                    string level = finding.State == AuditState.NoCrcHeader && options.AllowMissingCrcHeader ? "warning" : "error";
                    stderr.WriteLine($"crc64xz: {level} " + DisplayText.OfLines(finding.ToString()));
                }
            }

            if (json)
            {
                JsonOutput.Write(stdout, w => Write(w, report));
            }
            else
            {
                stdout.WriteLine(DisplayText.OfLines(report.ToString()));
            }

            return report.IsClean ? ExitCodes.Success : ExitCodes.Failure;
        }, cancellationToken);
    }

    private static void Write(System.Text.Json.Utf8JsonWriter w, AuditReport report)
    {
        w.WriteString("command", "audit");
        w.WriteBoolean("success", report.IsClean);
        w.WriteBoolean("clean", report.IsClean);
        w.WriteString("source", report.Source);
        JsonOutput.Optional(w, "version", report.Version);
        w.WriteNumber("elapsedSeconds", Math.Round(report.Elapsed.TotalSeconds, 3));
        w.WriteStartObject("counts");
        foreach (AuditState state in Enum.GetValues<AuditState>())
        {
            w.WriteNumber(Name(state), report.Count(state));
        }

        w.WriteEndObject();
        w.WriteStartArray("objects");
        foreach (AuditFinding finding in report.Findings)
        {
            w.WriteStartObject();
            w.WriteString("path", finding.Path);
            w.WriteString("key", finding.ObjectKey);
            w.WriteString("state", Name(finding.State));
            JsonOutput.Optional(w, "code", finding.Code);
            JsonOutput.Number(w, "expectedLength", finding.ExpectedLength);
            JsonOutput.Number(w, "actualLength", finding.ActualLength);
            JsonOutput.Crc(w, "expectedCrc64", finding.ExpectedCrc64);
            JsonOutput.Crc(w, "actualCrc64", finding.ActualCrc64);
            JsonOutput.Optional(w, "requestId", finding.RequestId);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static string Name(AuditState state) => state switch
    {
        AuditState.Verified => "verified",
        AuditState.Missing => "missing",
        AuditState.LengthDiffers => "length-differs",
        AuditState.CrcDiffers => "crc-differs",
        AuditState.NoCrcHeader => "no-crc-header",
        _ => "extra",
    };
}
