using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using CrcBuildTools.Hashing;
using Microsoft.AspNetCore.Http;

namespace CrcBuildTools.Emulator;

/// <summary>
/// The unsigned test-control API under <c>/_emulator/</c>, for an emulator in another process (docs/emulator.md
/// lists the calls). Loopback only, like the emulator itself.
/// </summary>
internal static class EmulatorControl
{
    public static async Task HandleAsync(StorageEmulatorServer server, HttpContext context, string rawTarget, JsonSerializerOptions json)
    {
        string path = rawTarget.Split('?')[0].Substring("/_emulator/".Length);
        string method = context.Request.Method;
        string key = context.Request.Query["key"].ToString();
        switch (method, path)
        {
            case ("GET", "objects"):
                await context.Response.WriteAsJsonAsync(server.Store.Objects.Select(o => new
                {
                    o.Key, o.Length, Crc64 = Crc64XzFormat.ToDecimalString(o.Crc64), o.ETag, o.LastModified, o.HasCrcHeader, o.PartCount, o.Headers,
                }), json);
                return;
            case ("GET", "uploads"):
                await context.Response.WriteAsJsonAsync(server.Store.Uploads.Select(u => new
                {
                    u.UploadId, u.Key, Parts = u.Parts.Count, u.Initiated, u.Headers,
                }), json);
                return;
            case ("GET", "object"):
                StoredObject? stored = server.Store.Get(key);
                if (stored?.Bytes is null)
                {
                    context.Response.StatusCode = 404;
                    return;
                }

                context.Response.ContentType = "application/octet-stream";
                await context.Response.Body.WriteAsync(stored.Bytes);
                return;
            case ("PUT", "object") when key.Length > 0:
                // Stages an object as a single PUT would store it, unsigned: for scripts that need a bucket in a known
                // state, or an object replaced behind a release's back. ?crc=none stores it without a CRC-64.
                using (var body = new MemoryStream())
                {
                    await context.Request.Body.CopyToAsync(body);
                    StoredObject put = server.Store.Put(key, body.ToArray());
                    if (context.Request.Query["crc"] == "none")
                    {
                        server.Store.Put(put with { HasCrcHeader = false });
                    }
                }

                context.Response.StatusCode = 204;
                return;
            case ("DELETE", "object") when key.Length > 0:
                context.Response.StatusCode = server.Store.Delete(key) ? 204 : 404;
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
            case ("GET", "faults"):
                await context.Response.WriteAsJsonAsync(new { server.Faults.Remaining }, json);
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
