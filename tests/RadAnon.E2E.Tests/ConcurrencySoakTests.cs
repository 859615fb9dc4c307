using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Headers;
using RadAnon.SyntheticData;
using RadAnon.TestSupport;
using Xunit.Abstractions;

namespace RadAnon.E2E.Tests;

/// <summary>
/// A bounded soak on loopback: valid and hostile requests mixed, more clients than pixel workers, a fixed count.
/// No unexpected 5xx, the server's peak memory flat across the second half, and a ledger entry for every 200.
/// </summary>
public sealed class ConcurrencySoakTests
{
    private const int Requests = 96;
    private const int Clients = 4;
    private const int PixelWorkers = 2;

    private readonly ITestOutputHelper _output;

    public ConcurrencySoakTests(ITestOutputHelper output)
    {
        _output = output;
    }

    [ToolFact(RequiresCorpus = false)]
    public async Task MixedValidAndHostile_AtTheConcurrencyLimit_NoUnexpected5xx_FlatMemory_EveryOutputRecorded()
    {
        var mix = Mix();
        await using var server = await RadAnonServer.StartAsync(
            "--RadAnon:Limits:MaxConcurrentPixelJobs", PixelWorkers.ToString(CultureInfo.InvariantCulture), "--RadAnon:Security:RequestsPerMinute", "0");
        using var client = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromMinutes(3) };
        var results = new ConcurrentBag<(int Index, int Status, string? ReportId)>();
        var quarterPeaks = new long[4];
        var next = -1;

        // Peak RSS per quarter of the run: the peak is reset when a quarter starts and read when it ends.
        ProcessMemory.ResetPeak(server.ProcessId);
        var quarterDone = Enumerable.Range(0, 4).Select(_ => new CountdownEvent(Requests / 4)).ToArray();
        var clients = Enumerable.Range(0, Clients).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < Requests)
            {
                var (body, mediaType, _) = mix[i % mix.Count];
                using var content = new ByteArrayContent(body);
                content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
                using var response = await client.PostAsync(new Uri("api/v1/anonymize?force=true", UriKind.Relative), content);
                await response.Content.ReadAsByteArrayAsync();
                results.Add((i, (int)response.StatusCode, response.Headers.TryGetValues("RadAnon-Report-Id", out var ids) ? ids.First() : null));
                if (quarterDone[i / (Requests / 4)].Signal())
                {
                    quarterPeaks[i / (Requests / 4)] = ProcessMemory.PeakResidentBytes(server.ProcessId);
                    ProcessMemory.ResetPeak(server.ProcessId);
                }
            }
        })).ToArray();
        await Task.WhenAll(clients);

        var byStatus = results.GroupBy(r => r.Status).OrderBy(g => g.Key).Select(g => $"{g.Key}×{g.Count()}");
        _output.WriteLine("statuses: " + string.Join(", ", byStatus));
        _output.WriteLine("peak RSS per quarter (MiB): " + string.Join(" / ", quarterPeaks.Select(p => (p / 1048576).ToString(CultureInfo.InvariantCulture))));
        Assert.Equal(Requests, results.Count);
        Assert.DoesNotContain(results, r => r.Status >= 500 && r.Status != 503);
        Assert.All(results.Where(r => r.Status == 503), r => Assert.Fail($"request {r.Index} was turned away busy at the concurrency limit"));
        Assert.Equal(mix.Count(m => m.Valid) * Requests / mix.Count, results.Count(r => r.Status == 200));

        // Flat after warm-up: the last quarter's peak is not above the second quarter's, within allocator noise.
        Assert.True(quarterPeaks[3] <= (quarterPeaks[1] * 1.15) + (32L << 20), $"peak RSS grew from {quarterPeaks[1] >> 20} MiB to {quarterPeaks[3] >> 20} MiB");

        // Every 200 has its report in the ledger.
        foreach (var (index, _, reportId) in results.Where(r => r.Status == 200))
        {
            Assert.False(reportId is null, $"request {index} has no report id");
            using var report = await client.GetAsync(new Uri("api/v1/reports/" + reportId, UriKind.Relative));
            Assert.Equal(200, (int)report.StatusCode);
        }
    }

    /// <summary>Eight requests, repeated: four valid (PNG, JPEG, DICOM 12-bit, DICOM RLE) and four hostile.</summary>
    private static List<(byte[] Body, string MediaType, bool Valid)> Mix()
    {
        var eight = RadiographGenerator.Generate(31, new GeneratorOptions { Width = 384, Height = 384, MinTextLines = 2, MaxTextLines = 3 }).Image;
        var twelve = RadiographGenerator.Generate(32, new GeneratorOptions { Width = 384, Height = 384, BitsStored = 12, MinTextLines = 2, MaxTextLines = 3 }).Image;
        var header = SyntheticHeaders.ComputedRadiography("QXSOAK", "DOE^JOHN", "31337");
        var dicom = SyntheticFiles.Dicom(twelve, header);
        return
        [
            (SyntheticFiles.Png(eight), "image/png", true),
            (HostileFiles.Truncated(dicom, 11), "application/dicom", false),
            (SyntheticFiles.Jpeg(eight), "image/jpeg", true),
            (HostileFiles.PngDeclaring(100_000, 100_000), "image/png", false),
            (dicom, "application/dicom", true),
            (HostileFiles.DicomNestedSequences(10_000), "application/dicom", false),
            (SyntheticFiles.DicomRle(twelve, header), "application/dicom", true),
            ("not an image at all"u8.ToArray(), "image/jpeg", false),
        ];
    }
}
