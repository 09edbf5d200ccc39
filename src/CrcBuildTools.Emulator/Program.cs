using System;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using CrcBuildTools.Emulator;

// crc64xz-emulator (dotnet tool CrcBuildTools.Emulator), or: dotnet run --project src/CrcBuildTools.Emulator -- --provider oss
(EmulatorCommandLine? commandLine, string? error) = EmulatorCommandLine.Parse(args, Environment.GetEnvironmentVariable);
if (commandLine is null)
{
    Console.Error.WriteLine("crc64xz-emulator: " + error);
    Console.Error.WriteLine("Run crc64xz-emulator --help for the options.");
    return 2;
}

if (commandLine.ShowHelp)
{
    Console.WriteLine(EmulatorCommandLine.Usage);
    return 0;
}

EmulatorOptions options = commandLine.Options;
await using var server = new StorageEmulatorServer(options);
try
{
    await server.StartAsync();
}
catch (Exception e) when (e is System.IO.IOException or SocketException)
{
    Console.Error.WriteLine($"crc64xz-emulator: cannot listen on 127.0.0.1:{options.Port}: {e.Message} Choose another --port, or 0 for any free one.");
    return 1;
}

bool cos = options.Provider == EmulatedProvider.Cos;
Console.WriteLine($"{(cos ? "COS" : "OSS")} emulator for bucket '{options.Bucket}' in '{options.Region}' listening on {server.Url}" +
                  (options.PublicRead ? " (public-read)" : ""));
Console.WriteLine($"Upload to it: -p:Crc64UploadProvider={(cos ? "cos" : "oss")} -p:Crc64UploadBucket={options.Bucket} " +
                  $"-p:Crc64UploadRegion={options.Region} -p:Crc64UploadEndpoint={server.Url}");
Console.WriteLine("Press Ctrl+C to stop.");

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};

// Scripts and test fixtures stop the emulator with SIGTERM; without this it would keep the port and run on.
using var onTerm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
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
