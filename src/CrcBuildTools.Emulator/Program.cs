using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CrcBuildTools.Emulator;

// dotnet run --project src/CrcBuildTools.Emulator -- --provider oss --port 0
// Credentials: the emulator expects the key id and secret from the same environment variables the uploader reads
// (COS_SECRET_ID/COS_SECRET_KEY, OSS_ACCESS_KEY_ID/OSS_ACCESS_KEY_SECRET), or the documented test defaults.
string Arg(string name, string fallback)
{
    int index = Array.IndexOf(args, "--" + name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
}

if (args.Contains("--help") || args.Contains("-h"))
{
    Console.WriteLine("CrcBuildTools.Emulator --provider cos|oss [--port 0] [--bucket name] [--region id] [--min-part-size bytes] [--public-read]");
    return 0;
}

var provider = Arg("provider", "oss").Equals("cos", StringComparison.OrdinalIgnoreCase) ? EmulatedProvider.Cos : EmulatedProvider.Oss;
bool cos = provider == EmulatedProvider.Cos;
string Env(string name, string fallback) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : fallback;
var options = new EmulatorOptions
{
    Provider = provider,
    Port = int.Parse(Arg("port", "0"), System.Globalization.CultureInfo.InvariantCulture),
    Bucket = Arg("bucket", cos ? "emulated-1250000000" : "emulated-bucket"),
    Region = Arg("region", cos ? "ap-guangzhou" : "cn-hangzhou"),
    AccessKeyId = Env(cos ? "COS_SECRET_ID" : "OSS_ACCESS_KEY_ID", "emulator-access-key-id"),
    Secret = Env(cos ? "COS_SECRET_KEY" : "OSS_ACCESS_KEY_SECRET", "emulator-secret"),
    SessionToken = Environment.GetEnvironmentVariable(cos ? "COS_SESSION_TOKEN" : "OSS_SESSION_TOKEN") is { Length: > 0 } token ? token : null,
    PublicRead = args.Contains("--public-read"),
    MinimumPartSize = args.Contains("--min-part-size") ? long.Parse(Arg("min-part-size", "0"), System.Globalization.CultureInfo.InvariantCulture) : null,
};

await using var server = new StorageEmulatorServer(options);
await server.StartAsync();
Console.WriteLine($"{(cos ? "COS" : "OSS")} emulator for bucket '{options.Bucket}' in '{options.Region}' listening on {server.Url}");
Console.WriteLine("Press Ctrl+C to stop.");

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};

// Scripts and test fixtures stop the emulator with SIGTERM; without this it would keep the port and run on.
using var onTerm = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    stop.Cancel();
});
try
{
    await Task.Delay(Timeout.Infinite, stop.Token);
}
catch (OperationCanceledException)
{
}

return 0;
