using System;
using System.Net.Http;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading.Tasks;
using CrcBuildTools.Emulator;
using Xunit;

namespace CrcBuildTools.ObjectStorage.Tests;

/// <summary>The unsigned /_emulator/ API that out-of-process users (end-to-end tests, demos) drive.</summary>
public sealed class EmulatorControlApiTests
{
    [Fact]
    public async Task Faults_can_be_armed_and_objects_inspected_over_http()
    {
        await using EmulatorHarness harness = await EmulatorHarness.StartAsync(StorageProvider.Cos);
        harness.AddStandardRelease();
        using var http = new HttpClient { BaseAddress = new Uri(harness.Server.Url) };

        using (HttpResponseMessage armed = await http.PostAsync("/_emulator/faults",
                   new StringContent("{\"kind\":\"CorruptStoredBody\",\"stage\":\"Part\",\"count\":1,\"partNumber\":2}", System.Text.Encoding.UTF8, "application/json")))
        {
            Assert.Equal(System.Net.HttpStatusCode.NoContent, armed.StatusCode);
        }

        Assert.Equal(1, harness.Server.Faults.Remaining);
        await harness.UploadAsync();
        Assert.Equal(0, harness.Server.Faults.Remaining);

        JsonElement objects = await http.GetFromJsonAsync<JsonElement>("/_emulator/objects");
        Assert.Equal(4, objects.GetArrayLength());
        Assert.Equal(JsonValueKind.String, objects[0].GetProperty("crc64").ValueKind);
        Assert.Equal(0, (await http.GetFromJsonAsync<JsonElement>("/_emulator/uploads")).GetArrayLength());
        byte[] bytes = await http.GetByteArrayAsync("/_emulator/object?key=" + Uri.EscapeDataString(EmulatorHarness.Prefix + "app.dll"));
        Assert.Equal(System.IO.File.ReadAllBytes(harness.Files[0].LocalPath), bytes);

        using HttpResponseMessage unsigned = await http.GetAsync("/" + EmulatorHarness.Prefix + "app.dll");
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, unsigned.StatusCode);
        Assert.Contains("<Code>AccessDenied</Code>", await unsigned.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
