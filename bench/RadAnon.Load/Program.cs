using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;

// A small closed-loop load client for POST /api/v1/anonymize: N workers, each sending the next image of a folder
// (DICOM, PNG and JPEG mixed, content type by extension) as a raw body and waiting for the answer, until the time or
// the request budget is used up. Latencies are kept exactly, so p50/p95/p99 are exact ranks, not histogram buckets.
//   dotnet RadAnon.Load.dll URL DIR [--concurrency N] [--seconds S] [--max-requests N] [--json FILE]
// --max-requests defaults to one pass over the folder when --seconds is not given.
if (args.Length < 2)
{
    Console.Error.WriteLine("usage: RadAnon.Load URL DIR [--concurrency N] [--seconds S] [--max-requests N] [--json FILE]");
    return 2;
}

var target = new Uri(new Uri(args[0].TrimEnd('/') + "/"), "api/v1/anonymize");
var files = Directory.EnumerateFiles(args[1]).Select(f => (Name: Path.GetFileName(f), Type: MediaType(f)))
    .Where(f => f.Type is not null).OrderBy(f => f.Name, StringComparer.Ordinal)
    .Select(f => (f.Name, Type: f.Type!, Bytes: File.ReadAllBytes(Path.Combine(args[1], f.Name)))).ToList();
if (files.Count == 0)
{
    Console.Error.WriteLine($"no .dcm, .png or .jpg files in {args[1]}");
    return 2;
}

var concurrency = 1;
double? seconds = null;
long? maxRequests = null;
string? jsonPath = null;
for (var i = 2; i + 1 < args.Length; i += 2)
{
    switch (args[i])
    {
        case "--concurrency": concurrency = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
        case "--seconds": seconds = double.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
        case "--max-requests": maxRequests = long.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
        case "--json": jsonPath = args[i + 1]; break;
        default: Console.Error.WriteLine("unknown option " + args[i]); return 2;
    }
}

var budget = maxRequests ?? (seconds is null ? files.Count : long.MaxValue);
var deadline = TimeSpan.FromSeconds(seconds ?? 3600);
using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
{
    Timeout = TimeSpan.FromMinutes(5),
};

// One warm-up request (not timed, but reported: it is a real request with its own ledger entry): the first OCR engine
// load and JIT are not what a steady load measures.
var warmupStatus = await SendAsync(files[0]).ConfigureAwait(false);

var results = new ConcurrentBag<(int Status, double Ms, long Bytes)>();
long next = -1;
var clock = Stopwatch.StartNew();
await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
{
    while (clock.Elapsed < deadline)
    {
        var n = Interlocked.Increment(ref next);
        if (n >= budget)
        {
            return;
        }

        var file = files[(int)(n % files.Count)];
        var started = Stopwatch.GetTimestamp();
        var status = await SendAsync(file).ConfigureAwait(false);
        results.Add((status, Stopwatch.GetElapsedTime(started).TotalMilliseconds, file.Bytes.Length));
    }
}))).ConfigureAwait(false);
var elapsed = clock.Elapsed.TotalSeconds;

var latencies = results.Select(r => r.Ms).Order().ToArray();
var ok = results.Count(r => r.Status == 200);
double Percentile(double p) => latencies.Length == 0 ? double.NaN : latencies[Math.Clamp((int)Math.Ceiling(p / 100 * latencies.Length) - 1, 0, latencies.Length - 1)];
var summary = new Dictionary<string, object>
{
    ["warmup_status"] = warmupStatus,
    ["requests"] = results.Count,
    ["ok"] = ok,
    ["errors"] = results.Count - ok,
    ["statuses"] = results.GroupBy(r => r.Status).OrderBy(g => g.Key).ToDictionary(g => g.Key.ToString(CultureInfo.InvariantCulture), g => g.Count()),
    ["concurrency"] = concurrency,
    ["seconds"] = Math.Round(elapsed, 2),
    ["requests_per_second"] = Math.Round(results.Count / elapsed, 2),
    ["images_per_second"] = Math.Round(ok / elapsed, 2),
    ["megabytes_per_second"] = Math.Round(results.Where(r => r.Status == 200).Sum(r => r.Bytes) / 1e6 / elapsed, 2),
    ["mean_ms"] = Math.Round(latencies.DefaultIfEmpty().Average(), 1),
    ["p50_ms"] = Math.Round(Percentile(50), 1),
    ["p95_ms"] = Math.Round(Percentile(95), 1),
    ["p99_ms"] = Math.Round(Percentile(99), 1),
    ["max_ms"] = Math.Round(latencies.DefaultIfEmpty().Max(), 1),
};
var json = JsonSerializer.Serialize(summary);
if (jsonPath is not null)
{
    await File.WriteAllTextAsync(jsonPath, json).ConfigureAwait(false);
}

Console.WriteLine(json);
return 0;

async Task<int> SendAsync((string Name, string Type, byte[] Bytes) file)
{
    using var content = new ByteArrayContent(file.Bytes);
    content.Headers.ContentType = new MediaTypeHeaderValue(file.Type);
    try
    {
        using var response = await http.PostAsync(target, content).ConfigureAwait(false);
        await response.Content.LoadIntoBufferAsync().ConfigureAwait(false);
        return (int)response.StatusCode;
    }
    catch (HttpRequestException)
    {
        return 0; // connection refused or reset: counted as an error with status 0
    }
    catch (TaskCanceledException)
    {
        return -1; // client timeout
    }
}

static string? MediaType(string path) => Path.GetExtension(path).ToLowerInvariant() switch
{
    ".dcm" => "application/dicom",
    ".png" => "image/png",
    ".jpg" or ".jpeg" => "image/jpeg",
    _ => null,
};
