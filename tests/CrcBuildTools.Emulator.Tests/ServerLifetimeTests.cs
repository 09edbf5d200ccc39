using System;
using System.IO;
using System.Threading.Tasks;
using Xunit;

namespace CrcBuildTools.Emulator.Tests;

/// <summary>Starting on a port in use fails with an IOException (the tool turns it into a message) and leaves nothing to clean up.</summary>
public sealed class ServerLifetimeTests
{
    [Fact]
    public async Task A_port_in_use_fails_the_start_and_disposing_afterwards_is_quiet()
    {
        await using var first = new StorageEmulatorServer(new EmulatorOptions());
        await first.StartAsync();
        int port = new Uri(first.Url).Port;

        var second = new StorageEmulatorServer(new EmulatorOptions { Port = port });
        await Assert.ThrowsAsync<IOException>(() => second.StartAsync());
        await second.DisposeAsync();

        Assert.StartsWith("http://127.0.0.1:", first.Url, StringComparison.Ordinal);
    }
}
