using System.Net.Sockets;
using System.Text;

namespace HealthOracle.DevHost.Tests.EndToEnd;

/// <summary>
/// Requests as bytes on a socket, for what HttpClient will not send (bytes outside ASCII in a header, a
/// malformed header, a body shorter than its Content-Length), and the answers as Kestrel wrote them.
/// </summary>
internal static class RawHttp
{
    /// <summary>Sends <paramref name="request"/> and reads until the server closes or <paramref name="timeout"/> passes.</summary>
    public static async Task<IReadOnlyList<RawResponse>> SendAsync(int port, byte[] request, TimeSpan timeout)
    {
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", port);
        var stream = client.GetStream();
        await stream.WriteAsync(request);
        return Parse(await ReadUntilClosedAsync(stream, timeout));
    }

    /// <summary>Opens a request and sends only <paramref name="head"/>, leaving the connection open.</summary>
    public static async Task<TcpClient> StartAsync(int port, byte[] head)
    {
        var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", port);
        await client.GetStream().WriteAsync(head);
        return client;
    }

    /// <summary>
    /// Keeps an open request's body arriving (64 spaces every 50 ms, well above the 240 bytes a second that Kestrel
    /// asks for), so that no body-rate timeout ends the request, until <paramref name="stop"/> or the server closes.
    /// </summary>
    public static async Task TrickleAsync(TcpClient client, CancellationToken stop)
    {
        var spaces = Encoding.ASCII.GetBytes(new string(' ', 64));
        try
        {
            while (!stop.IsCancellationRequested)
            {
                await client.GetStream().WriteAsync(spaces, stop);
                await Task.Delay(TimeSpan.FromMilliseconds(50), stop);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or ObjectDisposedException)
        {
            // Stopped, or the server closed the connection: the body has done its part.
        }
    }

    public static async Task<IReadOnlyList<RawResponse>> ReadAsync(TcpClient client, TimeSpan timeout) =>
        Parse(await ReadUntilClosedAsync(client.GetStream(), timeout));

    public static byte[] Latin1(string text) => Encoding.Latin1.GetBytes(text);

    private static async Task<byte[]> ReadUntilClosedAsync(NetworkStream stream, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        var received = new MemoryStream();
        var buffer = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer, deadline.Token)) > 0)
            {
                received.Write(buffer, 0, read);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException)
        {
            // The server kept the connection open (keep-alive), or reset it: what arrived is the answer.
        }

        return received.ToArray();
    }

    private static List<RawResponse> Parse(byte[] bytes)
    {
        var responses = new List<RawResponse>();
        // Latin-1 keeps one character per byte, so that Content-Length and chunk sizes count characters.
        var text = Encoding.Latin1.GetString(bytes);
        var position = 0;
        while (position < text.Length)
        {
            var end = text.IndexOf("\r\n\r\n", position, StringComparison.Ordinal);
            if (end < 0)
            {
                break;
            }

            var lines = text[position..end].Split("\r\n");
            var headers = lines.Skip(1).Select(l => l.Split(':', 2)).ToDictionary(p => p[0].Trim(), p => p[1].Trim(), StringComparer.OrdinalIgnoreCase);
            position = end + 4;
            string body;
            if (headers.TryGetValue("Content-Length", out var length))
            {
                var count = Math.Min(int.Parse(length, System.Globalization.CultureInfo.InvariantCulture), text.Length - position);
                body = text.Substring(position, count);
                position += count;
            }
            else if (headers.TryGetValue("Transfer-Encoding", out var encoding) && encoding.Equals("chunked", StringComparison.OrdinalIgnoreCase))
            {
                var chunks = new StringBuilder();
                while (true)
                {
                    var lineEnd = text.IndexOf("\r\n", position, StringComparison.Ordinal);
                    var size = Convert.ToInt32(text[position..lineEnd], 16);
                    position = lineEnd + 2;
                    if (size == 0)
                    {
                        position += 2;
                        break;
                    }

                    chunks.Append(text, position, size);
                    position += size + 2;
                }

                body = chunks.ToString();
            }
            else
            {
                body = "";
            }

            responses.Add(new RawResponse(
                int.Parse(lines[0].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture),
                headers,
                Encoding.UTF8.GetString(Encoding.Latin1.GetBytes(body))));
        }

        return responses;
    }
}

internal sealed record RawResponse(int Status, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public string? ContentType => Headers.TryGetValue("Content-Type", out var value) ? value : null;
}
