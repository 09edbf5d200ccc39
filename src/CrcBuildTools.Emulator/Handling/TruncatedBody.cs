using System;
using System.Globalization;
using System.Net.Sockets;
using System.Text;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;

namespace CrcBuildTools.Emulator;

/// <summary>
/// The <see cref="FaultKind.TruncatedBody"/> answer: the status line and headers announce the whole length, half the
/// body follows, then the connection ends. Written straight to the socket and closed with a FIN, because Kestrel
/// sends flushed bytes asynchronously and an abort (a reset) can cancel them before they leave, so the client would
/// see a reset before any headers instead of a body cut off mid-way.
/// </summary>
internal static class TruncatedBody
{
    public static async Task SendAsync(Exchange x, ReadOnlyMemory<byte> firstPart)
    {
        x.Status = 0;
        Socket? socket = x.Http.Features.Get<IConnectionSocketFeature>()?.Socket;
        if (socket is null)
        {
            // Not on Kestrel's socket transport: the next best thing, a reset after what could be sent.
            await x.Response.Body.WriteAsync(firstPart, x.Http.RequestAborted);
            await x.Response.Body.FlushAsync(x.Http.RequestAborted);
            x.Http.Abort();
            return;
        }

        var head = new StringBuilder();
        head.Append("HTTP/1.1 ").Append(x.Response.StatusCode.ToString(CultureInfo.InvariantCulture)).Append(' ')
            .Append(x.Response.StatusCode == 206 ? "Partial Content" : "OK").Append("\r\n");
        foreach (var header in x.Response.Headers)
        {
            head.Append(header.Key).Append(": ").Append(header.Value.ToString()).Append("\r\n");
        }

        head.Append("Connection: close\r\n\r\n");
        await socket.SendAsync(Encoding.ASCII.GetBytes(head.ToString()), SocketFlags.None, x.Http.RequestAborted);
        await socket.SendAsync(firstPart, SocketFlags.None, x.Http.RequestAborted);
        socket.Shutdown(SocketShutdown.Send);
        x.Http.Abort();
    }
}
