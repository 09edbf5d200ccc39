using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using Xunit;

namespace CrcBuildTools.Emulator.Tests;

/// <summary>Garbage in gets a service error out (403 with the provider's XML), never an empty 500 or a dropped connection.</summary>
public sealed class MalformedRequestTests
{
    [Theory]
    [InlineData(EmulatedProvider.Cos, "q-sign-algorithm=sha1&q-sign-algorithm=sha1&q-ak")]
    [InlineData(EmulatedProvider.Cos, "&&==&")]
    [InlineData(EmulatedProvider.Oss, "OSS4-HMAC-SHA256 Credential=a,Credential=b,Signature")]
    [InlineData(EmulatedProvider.Oss, "OSS4-HMAC-SHA256 ")]
    [InlineData(EmulatedProvider.Oss, "OSS no-colon")]
    [InlineData(EmulatedProvider.Oss, "Bearer token")]
    public async Task A_malformed_authorization_header_is_refused_like_a_wrong_signature(EmulatedProvider provider, string authorization)
    {
        await using var server = new StorageEmulatorServer(new EmulatorOptions { Provider = provider });
        await server.StartAsync();
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Put, server.Url + "/k") { Content = new ByteArrayContent(new byte[] { 1 }) };
        request.Headers.TryAddWithoutValidation("Authorization", authorization);

        using HttpResponseMessage response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("<Error><Code>", await response.Content.ReadAsStringAsync(), System.StringComparison.Ordinal);
        Assert.Empty(server.Store.Objects);
    }
}
