using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.Json;
using System.Threading.Tasks;
using CrcBuildTools.Emulator;
using Xunit;

namespace CrcBuildTools.Emulator.Tests;

/// <summary>
/// Runs one scenario of <c>VendorSdks/oss.js</c> or <c>cos.js</c> (the vendors' own Node.js SDKs) against a running
/// emulator and returns the JSON line it printed. Missing node or node_modules fail the test with what to run:
/// these tests are the emulator's oracle, so they never skip silently.
/// </summary>
internal static class NodeSdk
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    public static string ScriptFolder { get; } = Path.Combine(
        typeof(NodeSdk).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "ProjectDirectory").Value!, "VendorSdks");

    public static async Task<JsonElement> RunAsync(StorageEmulatorServer server, SdkTarget target, string scenario)
    {
        string modules = Path.Combine(ScriptFolder, "node_modules");
        Assert.True(Directory.Exists(Path.Combine(modules, "ali-oss")) && Directory.Exists(Path.Combine(modules, "cos-nodejs-sdk-v5")),
            $"The vendors' SDKs are not installed: run `npm ci` in {ScriptFolder} (.ci/run does it in CI).");

        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = ScriptFolder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(target == SdkTarget.Cos ? "cos.js" : "oss.js");
        start.ArgumentList.Add(scenario);
        foreach ((string name, string value) in Environment(server, target))
        {
            start.Environment[name] = value;
        }

        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("node is not installed or not on PATH; install Node.js 18+ (.ci/run installs it in CI).", e);
        }

        using (process)
        {
            Task<string> stdout = process.StandardOutput.ReadToEndAsync();
            Task<string> stderr = process.StandardError.ReadToEndAsync();
            Task exited = process.WaitForExitAsync();
            if (await Task.WhenAny(exited, Task.Delay(Timeout)) != exited)
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail($"node {start.ArgumentList[0]} {scenario} did not finish within {Timeout.TotalMinutes} minutes.");
            }

            string output = await stdout;
            string line = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? "";
            JsonElement result;
            try
            {
                result = JsonDocument.Parse(line).RootElement.Clone();
            }
            catch (JsonException)
            {
                throw new InvalidOperationException($"node {start.ArgumentList[0]} {scenario} printed no result (exit {process.ExitCode}).\nstdout: {output}\nstderr: {await stderr}");
            }

            if (!result.GetProperty("ok").GetBoolean())
            {
                Assert.Fail($"{target} SDK scenario '{scenario}' failed: {result.GetProperty("error")}\nstderr: {await stderr}");
            }

            return result;
        }
    }

    private static IEnumerable<(string, string)> Environment(StorageEmulatorServer server, SdkTarget target)
    {
        yield return ("EMU_ENDPOINT", server.Url);
        yield return ("EMU_BUCKET", server.Options.Bucket);
        yield return ("EMU_REGION", server.Options.Region);
        yield return ("EMU_ACCESS_KEY_ID", server.Options.AccessKeyId);
        yield return ("EMU_SECRET", server.Options.Secret);
        yield return ("EMU_SIGNATURE_VERSION", target == SdkTarget.OssV1 ? "1" : "4");
    }
}

/// <summary>Which SDK, and for OSS which signature version, drives the emulator.</summary>
public enum SdkTarget
{
    /// <summary>cos-nodejs-sdk-v5 (q-sign-algorithm=sha1).</summary>
    Cos,

    /// <summary>ali-oss with the legacy V1 signature.</summary>
    OssV1,

    /// <summary>ali-oss with OSS4-HMAC-SHA256.</summary>
    OssV4,
}
