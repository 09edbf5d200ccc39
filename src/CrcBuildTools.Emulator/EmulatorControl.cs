using System;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using CrcBuildTools.Hashing;
using Microsoft.AspNetCore.Http;

namespace CrcBuildTools.Emulator;

/// <summary>
/// The unsigned test-control API under <c>/_emulator/</c>, for an emulator in another process:
/// <c>GET objects</c>, <c>GET uploads</c>, <c>GET object?key=</c>, <c>POST faults</c> (a JSON <see cref="FaultRule"/>),
/// <c>DELETE faults</c>, <c>POST reset</c>. Loopback only, like the emulator itself.
/// </summary>
internal static class EmulatorControl
{
    public static async Task HandleAsync(StorageEmulatorServer server, HttpContext context, string rawTarget, JsonSerializerOptions json)
    {
        string path = rawTarget.Split('?')[0].Substring("/_emulator/".Length);
        string method = context.Request.Method;
        switch (method, path)
        {
            case ("GET", "objects"):
                await context.Response.WriteAsJsonAsync(server.Store.Objects.Select(o => new
                {
                    o.Key, o.Length, Crc64 = Crc64XzFormat.ToDecimalString(o.Crc64), o.ETag,
                }), json);
                return;
            case ("GET", "uploads"):
                await context.Response.WriteAsJsonAsync(server.Store.Uploads.Select(u => new { u.UploadId, u.Key, Parts = u.Parts.Count }), json);
                return;
            case ("GET", "object"):
                StoredObject? stored = server.Store.Get(context.Request.Query["key"].ToString());
                if (stored?.Bytes is null)
                {
                    context.Response.StatusCode = 404;
                    return;
                }

                context.Response.ContentType = "application/octet-stream";
                await context.Response.Body.WriteAsync(stored.Bytes);
                return;
            case ("POST", "faults"):
                FaultRule? rule = await context.Request.ReadFromJsonAsync<FaultRule>(json);
                if (rule is null)
                {
                    context.Response.StatusCode = 400;
                    return;
                }

                server.Faults.Add(rule);
                context.Response.StatusCode = 204;
                return;
            case ("DELETE", "faults"):
                server.Faults.Clear();
                context.Response.StatusCode = 204;
                return;
            case ("POST", "reset"):
                server.Faults.Clear();
                server.Store.Clear();
                context.Response.StatusCode = 204;
                return;
            default:
                context.Response.StatusCode = 404;
                await context.Response.WriteAsync($"Unknown control call {method} /_emulator/{path}.");
                return;
        }
    }
}
