using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace RadAnon.E2E.Tests.Adversarial;

/// <summary>What came back to a hand-written request: status, headers (lower-case names) and body.</summary>
public sealed record RawHttpResponse(int Status, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public string? Header(string name) => Headers.TryGetValue(name.ToLowerInvariant(), out var v) ? v : null;

    public string? ProblemType =>
        Header("content-type")?.StartsWith("application/problem+json", StringComparison.Ordinal) == true
            ? System.Text.Json.JsonDocument.Parse(Body).RootElement.GetProperty("type").GetString()
            : null;
}

/// <summary>
/// Requests written byte by byte on a socket, as a careless or hostile client would: framing HttpClient refuses to
/// produce (a chunk-size line of 17 hex digits, a body cut short, an arbitrary Content-Type).
/// </summary>
public static class RawHttp
{
    public static async Task<RawHttpResponse> SendAsync(Uri server, string head, ReadOnlyMemory<byte> body, TimeSpan? timeout = null)
    {
        using var tcp = new TcpClient();
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(2));
        await tcp.ConnectAsync(server.Host, server.Port, cancel.Token);
        var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head.Replace("\n", "\r\n", StringComparison.Ordinal)), cancel.Token);
        try
        {
            await stream.WriteAsync(body, cancel.Token);
        }
        catch (IOException)
        {
            // The server may answer and close before the whole body is sent (a 413 on the first chunk): read what it said.
        }

        using var received = new MemoryStream();
        var buffer = new byte[65536];
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer, cancel.Token)) > 0)
            {
                received.Write(buffer, 0, read);
                if (Complete(received.ToArray()))
                {
                    break;
                }
            }
        }
        catch (IOException)
        {
            // Connection reset after the answer: what arrived is the answer.
        }

        return Parse(received.ToArray());
    }

    /// <summary>A request head for a POST to <paramref name="path"/> with the given extra header lines.</summary>
    public static string Post(Uri server, string path, params string[] headers) =>
        $"POST {path} HTTP/1.1\nHost: {server.Host}:{server.Port.ToString(CultureInfo.InvariantCulture)}\nConnection: close\n"
        + string.Concat(headers.Select(h => h + "\n")) + "\n";

    private static bool Complete(byte[] bytes)
    {
        var text = Encoding.Latin1.GetString(bytes);
        var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (end < 0)
        {
            return false;
        }

        var length = Headers(text[..end]).GetValueOrDefault("content-length");
        return length is not null && bytes.Length >= end + 4 + int.Parse(length, CultureInfo.InvariantCulture);
    }

    private static Dictionary<string, string> Headers(string head)
    {
        var headers = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in head.Split("\r\n").Skip(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                headers[line[..colon].Trim().ToLowerInvariant()] = line[(colon + 1)..].Trim();
            }
        }

        return headers;
    }

    private static RawHttpResponse Parse(byte[] bytes)
    {
        var text = Encoding.Latin1.GetString(bytes);
        var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (end < 0)
        {
            return new RawHttpResponse(0, new Dictionary<string, string>(), bytes);
        }

        var status = int.Parse(text.Split(' ', 3)[1], CultureInfo.InvariantCulture);
        var headers = Headers(text[..end]);
        var body = bytes.AsSpan(end + 4).ToArray();
        if (headers.GetValueOrDefault("transfer-encoding") == "chunked")
        {
            body = Dechunk(body);
        }

        return new RawHttpResponse(status, headers, body);
    }

    private static byte[] Dechunk(byte[] body)
    {
        using var output = new MemoryStream();
        var at = 0;
        while (at < body.Length)
        {
            var line = Array.IndexOf(body, (byte)'\r', at);
            if (line < 0)
            {
                break;
            }

            var size = int.Parse(Encoding.ASCII.GetString(body, at, line - at).Split(';')[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            if (size == 0)
            {
                break;
            }

            output.Write(body, line + 2, Math.Min(size, body.Length - line - 2));
            at = line + 2 + size + 2;
        }

        return output.ToArray();
    }
}
