using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using RadAnon.Core;
using RadAnon.Core.Raster;

namespace RadAnon.Cli.Batch;

/// <summary>
/// Sends each input to a RadAnon server (POST {server}/api/v1/anonymize/bundle, the file streamed as a raw
/// application/dicom, image/png or image/jpeg body, options as query parameters) and unpacks the ZIP of output and
/// report.json. The server pseudonymises with its own key. A problem-details answer becomes a
/// <see cref="RemoteProblemException"/> typed by the last segment of its type URI; "busy" and "rate-limited" are retried
/// after the server's Retry-After.
/// </summary>
internal sealed class RemoteAnonymizer : IItemAnonymizer, IDisposable
{
    private const int MaxAttempts = 8;

    private readonly HttpClient _client;
    private readonly Uri _endpoint;

    public RemoteAnonymizer(Uri server, string? apiKey, AnonymizeOptions options)
    {
        _client = new HttpClient { Timeout = TimeSpan.FromMinutes(10) };
        if (!string.IsNullOrEmpty(apiKey))
        {
            _client.DefaultRequestHeaders.Add("X-API-Key", apiKey);
        }

        _endpoint = new Uri(server.AbsoluteUri.TrimEnd('/') + "/api/v1/anonymize/bundle?" + Query(options));
    }

    public ItemResult Anonymize(string inputPath, Stream destination)
    {
        var inputSha = ResumeCheck.Sha256(inputPath);
        var mediaType = MediaType(inputPath);
        for (var attempt = 1; ; attempt++)
        {
            using var file = new FileStream(inputPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
            using var request = new HttpRequestMessage(HttpMethod.Post, _endpoint) { Content = new StreamContent(file, 1 << 16) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
            using var response = _client.Send(request, HttpCompletionOption.ResponseHeadersRead);
            if (response.IsSuccessStatusCode)
            {
                return Unpack(response, inputSha, destination);
            }

            var (type, detail) = Problem(response);
            if (type is "busy" or "rate-limited" && attempt < MaxAttempts)
            {
                Thread.Sleep(response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(Math.Min(30, 1 << attempt)));
                continue;
            }

            throw new RemoteProblemException(type, detail);
        }
    }

    public void Dispose() => _client.Dispose();

    private static string Query(AnonymizeOptions options)
    {
        var query = new StringBuilder()
            .Append("profile=").Append(Uri.EscapeDataString(options.Profile))
            .Append("&format=").Append(options.Format.ToString().ToLowerInvariant())
            .Append("&redact=").Append(options.Redact.ToString().ToLowerInvariant())
            .Append("&markers=").Append(options.Markers.ToString().ToLowerInvariant())
            .Append("&text=").Append(options.Text.ToString().ToLowerInvariant())
            .Append("&force=").Append(options.Force ? "true" : "false");
        if (options.BurnOverlays)
        {
            // Only when set, so a server from before the option still takes every request that does not use it.
            query.Append("&burnOverlays=true");
        }

        if (options.AddRegions.Count + options.VetoRegions.Count > 0)
        {
            var regions = JsonSerializer.Serialize(new
            {
                add = options.AddRegions.Select(b => new { x = b.X, y = b.Y, width = b.Width, height = b.Height }),
                veto = options.VetoRegions.Select(b => new { x = b.X, y = b.Y, width = b.Width, height = b.Height }),
            });
            query.Append("&regions=").Append(Uri.EscapeDataString(regions));
        }

        return query.ToString();
    }

    /// <summary>The media type from the first bytes (never the file name): PNG, JPEG, else DICOM.</summary>
    private static string MediaType(string path)
    {
        Span<byte> head = stackalloc byte[16];
        using var file = File.OpenRead(path);
        var read = file.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        return RasterFormatDetector.Detect(head[..read]) switch
        {
            RasterFormat.Png => "image/png",
            RasterFormat.Jpeg => "image/jpeg",
            _ => "application/dicom",
        };
    }

    private static ItemResult Unpack(HttpResponseMessage response, string inputSha, Stream destination)
    {
        using var zip = new MemoryStream();
        response.Content.ReadAsStream().CopyTo(zip);
        zip.Position = 0;
        using var archive = new ZipArchive(zip, ZipArchiveMode.Read);
        var reportEntry = archive.GetEntry("report.json") ?? throw new InvalidDataException("the server's bundle holds no report.json");
        var outputEntry = archive.Entries.SingleOrDefault(e => e.FullName != "report.json") ?? throw new InvalidDataException("the server's bundle holds no output file");
        JsonObject report;
        using (var stream = reportEntry.Open())
        {
            report = JsonNode.Parse(stream) as JsonObject ?? throw new InvalidDataException("the server's report.json is not a JSON object");
        }

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[1 << 16];
        long length = 0;
        using (var stream = outputEntry.Open())
        {
            for (int read; (read = stream.Read(buffer)) > 0; length += read)
            {
                hash.AppendData(buffer, 0, read);
                destination.Write(buffer, 0, read);
            }
        }

        return new ItemResult(Path.GetExtension(outputEntry.FullName), report, inputSha, Convert.ToHexStringLower(hash.GetHashAndReset()), length);
    }

    /// <summary>The problem type's last path segment and its detail (server messages are PHI-free by design).</summary>
    private static (string Type, string Detail) Problem(HttpResponseMessage response)
    {
        var status = ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
        try
        {
            using var stream = response.Content.ReadAsStream();
            using var problem = JsonDocument.Parse(stream);
            var type = problem.RootElement.TryGetProperty("type", out var t) && t.GetString() is { Length: > 0 } uri ? uri.TrimEnd('/').Split('/')[^1] : "http-" + status;
            var detail = problem.RootElement.TryGetProperty("detail", out var d) ? d.GetString() : null;
            return (type, detail ?? $"the server answered {status} {response.StatusCode}");
        }
        catch (JsonException)
        {
            return (response.StatusCode == HttpStatusCode.Unauthorized ? "unauthorized" : "http-" + status, $"the server answered {status} {response.StatusCode} without problem details");
        }
    }
}
