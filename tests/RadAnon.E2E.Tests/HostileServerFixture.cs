using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using RadAnon.SyntheticData;
using RadAnon.TestSupport;

namespace RadAnon.E2E.Tests;

/// <summary>
/// One real server with small, explicit limits for the bomb suite, measured from outside: each request's growth of
/// the process's peak resident memory (peak after minus resident before) and its duration. The table of every case
/// is written to TestResults/hostile-input.tsv when the class is done.
/// </summary>
public sealed class HostileServerFixture : IAsyncLifetime
{
    public const long MaxRequestBytes = 64L * 1024 * 1024;
    public const long MaxPixels = 16L * 1024 * 1024;
    public const int MaxElements = 100_000;
    public const long MaxInflatedBytes = 64L * 1024 * 1024;

    /// <summary>The bound the issue asks for: twice the largest configured limit plus a fixed overhead.</summary>
    public const long PeakGrowthBound = (2 * MaxRequestBytes) + (64L * 1024 * 1024);

    private readonly ConcurrentDictionary<string, Measurement> _measurements = new(StringComparer.Ordinal);
    private RadAnonServer? _server;

    public RadAnonServer Server => _server ?? throw new InvalidOperationException("the server did not start");

    public async Task InitializeAsync()
    {
        _server = await RadAnonServer.StartAsync(
            "--RadAnon:Limits:MaxRequestBytes", MaxRequestBytes.ToString(CultureInfo.InvariantCulture),
            "--RadAnon:Limits:MaxPixels", MaxPixels.ToString(CultureInfo.InvariantCulture),
            "--RadAnon:Limits:MaxElements", MaxElements.ToString(CultureInfo.InvariantCulture),
            "--RadAnon:Limits:MaxInflatedBytes", MaxInflatedBytes.ToString(CultureInfo.InvariantCulture),
            "--RadAnon:Security:RequestsPerMinute", "0");

        // Warm up (JIT, Tesseract, libvips, the ledger) so the first measured case does not pay for start-up.
        var image = RadiographGenerator.Generate(3, new GeneratorOptions { Width = 512, Height = 512, MinTextLines = 2, MaxTextLines = 3 }).Image;
        foreach (var (body, type) in new[] { (SyntheticFiles.Png(image), "image/png"), (SyntheticFiles.Dicom(image, SyntheticHeaders.ComputedRadiography("WARMUP", "A^B", "1")), "application/dicom") })
        {
            var warmUp = await Server.PostAsync("api/v1/anonymize", body, type);
            if (warmUp.Status != 200)
            {
                throw new InvalidOperationException($"warm-up request answered {warmUp.Status}:\n{Server.Output}");
            }
        }
    }

    /// <summary>Posts a raw body to /api/v1/anonymize and measures it: status, problem type, peak growth.</summary>
    public async Task<(int Status, string? ProblemType, Measurement Measurement)> MeasureAsync(string name, byte[] body, string mediaType)
    {
        var endpoint = mediaType == "application/zip" ? "api/v1/anonymize/batch" : "api/v1/anonymize";
        var pid = Server.ProcessId;
        ProcessMemory.ResetPeak(pid);
        var before = ProcessMemory.ResidentBytes(pid);
        var started = System.Diagnostics.Stopwatch.StartNew();
        var response = await Server.PostAsync(endpoint, body, mediaType);
        var measurement = new Measurement(name, body.Length, response.Status, response.ProblemType ?? "-", started.Elapsed, ProcessMemory.PeakResidentBytes(pid) - before);
        _measurements[name] = measurement;
        return (response.Status, response.ProblemType, measurement);
    }

    public async Task DisposeAsync()
    {
        if (!_measurements.IsEmpty)
        {
            var table = new StringBuilder("case\tbytes\tstatus\tproblem\tms\tpeak_growth_mib\n");
            foreach (var m in _measurements.Values.OrderBy(m => m.Name, StringComparer.Ordinal))
            {
                table.Append(CultureInfo.InvariantCulture, $"{m.Name}\t{m.Bytes}\t{m.Status}\t{m.ProblemType}\t{m.Elapsed.TotalMilliseconds:0}\t{m.PeakGrowthBytes / 1048576.0:0.0}\n");
            }

            await File.WriteAllTextAsync(Path.Combine(E2EFixture.ArtifactsDirectory, "..", "hostile-input.tsv"), table.ToString());
        }

        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}

/// <summary>One hostile request as seen from outside the server.</summary>
public sealed record Measurement(string Name, long Bytes, int Status, string ProblemType, TimeSpan Elapsed, long PeakGrowthBytes)
{
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Name}: {Bytes} bytes -> {Status} {ProblemType} in {Elapsed.TotalMilliseconds:0} ms, peak +{PeakGrowthBytes / 1048576.0:0.0} MiB");
}
