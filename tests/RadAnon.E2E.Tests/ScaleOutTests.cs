using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using NetVips;
using RadAnon.Core.Pixels;
using RadAnon.Core.Provenance;
using RadAnon.Core.Provenance.Ledger;
using RadAnon.Dicom;
using RadAnon.Dicom.Data;
using RadAnon.SyntheticData;
using RadAnon.TestSupport;
using Xunit.Abstractions;

namespace RadAnon.E2E.Tests;

/// <summary>
/// Issue 6's scale-out on one machine: deploy/local-cluster.sh with two replicas, one PostgreSQL ledger and nginx in
/// front (the shipped nginx.conf, body limit lowered to 4 MiB; the API's own limit to 2 MiB).
/// </summary>
public sealed class ScaleOutTests : IClassFixture<ClusterFixture>
{
    private const int ThroughProxy = 16;
    private const int Direct = 16;
    private const string RequestTooLarge = "https://radanon.dev/problems/request-too-large";
    private const string OriginalStudyUid = "1.2.826.0.1.3680043.2.1125.99.2";

    private readonly ClusterFixture _fixture;
    private readonly ITestOutputHelper _output;

    public ScaleOutTests(ClusterFixture fixture, ITestOutputHelper output)
    {
        _fixture = fixture;
        _output = output;
    }

    [ClusterFact]
    public async Task TwoReplicas_BehindNginx_ShareOneVerifiedLedger_AndAgreeOnPseudonyms()
    {
        var cluster = _fixture.Cluster;
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(2) };
        var image = Radiograph();
        var png = Png(image);
        var dicom = Dicom(image);
        using var signer = ReportSigner.LoadOrCreate(cluster.SigningKeyPath);
        await using var ledger = LedgerFactory.Create(cluster.PostgresConnectionString, Path.GetTempPath(), signer);
        var entriesBefore = await ledger.CountAsync(CancellationToken.None);
        var outputsBefore = await OutputCountsAsync(http, cluster);

        // Half through nginx, half straight at the replicas (alternating), PNG and DICOM alternating; all at once.
        var requests = Enumerable.Range(0, ThroughProxy + Direct)
            .Select(i => (Target: i < ThroughProxy ? cluster.Proxy : cluster.Replicas[i / 2 % 2], IsDicom: i % 2 == 1))
            .ToList();
        var clock = Stopwatch.StartNew();
        var responses = await Task.WhenAll(requests.Select(async r =>
        {
            using var content = new ByteArrayContent(r.IsDicom ? dicom : png);
            content.Headers.ContentType = new MediaTypeHeaderValue(r.IsDicom ? "application/dicom" : "image/png");
            using var response = await http.PostAsync(new Uri(r.Target, r.IsDicom ? "api/v1/anonymize?profile=research" : "api/v1/anonymize"), content);
            var body = await response.Content.ReadAsByteArrayAsync();
            var id = response.Headers.TryGetValues("RadAnon-Report-Id", out var ids) ? ids.Single() : null;
            return (r.Target, r.IsDicom, response.StatusCode, Id: id, Body: body);
        }));
        _output.WriteLine($"{responses.Length} requests in {clock.ElapsedMilliseconds} ms");
        Assert.All(responses, r => Assert.True(r.StatusCode == HttpStatusCode.OK,
            $"{(int)r.StatusCode} from {r.Target}: {Encoding.UTF8.GetString(r.Body.AsSpan(0, Math.Min(r.Body.Length, 500)))}\n{cluster.Logs()}"));

        // One ledger: every request has exactly one entry, and the chain and signatures verify.
        Assert.Equal(entriesBefore + responses.Length, await ledger.CountAsync(CancellationToken.None));
        var verification = await LedgerVerifier.VerifyAsync(ledger, signer, CancellationToken.None);
        Assert.True(verification.Valid, $"entry {verification.FirstBrokenSequence}: {verification.Problem}");

        // A report appended by either replica is readable through both.
        var ids = responses.Select(r => r.Id!).ToList();
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        foreach (var replica in cluster.Replicas)
        {
            foreach (var id in ids)
            {
                using var report = await http.GetAsync(new Uri(replica, "api/v1/reports/" + id));
                Assert.True(report.StatusCode == HttpStatusCode.OK, $"report {id} through {replica}: {(int)report.StatusCode}");
                Assert.Contains(id, await report.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            }
        }

        // The same DICOM with the same project key gets the same pseudonyms whichever replica answered.
        var pseudonyms = responses.Where(r => r.IsDicom).Select(r =>
        {
            var dataset = DicomFile.Read(r.Body).Dataset;
            return (r.Target, PatientId: dataset.GetString(DicomTags.PatientID), Study: dataset.GetString(DicomTags.StudyInstanceUID));
        }).ToList();
        Assert.Equal(cluster.Replicas.Count, pseudonyms.Select(p => p.Target).Where(cluster.Replicas.Contains).Distinct().Count());
        var (patientId, study) = Assert.Single(pseudonyms.Select(p => (p.PatientId, p.Study)).Distinct());
        Assert.False(string.IsNullOrEmpty(patientId));
        Assert.NotEqual("ID0042", patientId);
        Assert.NotEqual(OriginalStudyUid, study);

        // nginx spread its share over both replicas: each replica's outputs grew by more than what was sent to it directly.
        var outputsAfter = await OutputCountsAsync(http, cluster);
        var viaProxy = cluster.Replicas.Select((_, i) => outputsAfter[i] - outputsBefore[i] - responses.Count(r => r.Target == cluster.Replicas[i])).ToList();
        _output.WriteLine("through nginx per replica: " + string.Join(", ", viaProxy) + "; peak RSS MiB: " + string.Join(", ", cluster.PeakRssMiB().Select(m => m.ToString("0", CultureInfo.InvariantCulture))));
        Assert.Equal(ThroughProxy, viaProxy.Sum());
        Assert.All(viaProxy, n => Assert.True(n > 0, $"one replica got none of the proxied requests: {string.Join(", ", viaProxy)}"));
    }

    [ClusterFact]
    public async Task OversizedBody_ThroughNginx_IsRefusedWith413Problem_ByNginxOrByTheApiBehindIt()
    {
        var cluster = _fixture.Cluster;
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(1) };

        // Over nginx's client_max_body_size (4 MiB): nginx answers, with the API's problem type rather than its HTML page.
        var (status, mediaType, problem) = await PostAsync(http, cluster.Proxy, 5 << 20);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Equal("application/problem+json", mediaType);
        Assert.Equal(RequestTooLarge, problem.GetProperty("type").GetString());
        Assert.Equal(413, problem.GetProperty("status").GetInt32());
        Assert.Contains("client_max_body_size", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

        // Under nginx's limit but over the API's (2 MiB): streamed through, and the API's own problem comes back.
        (status, mediaType, problem) = await PostAsync(http, cluster.Proxy, 3 << 20);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Equal("application/problem+json", mediaType);
        Assert.Equal(RequestTooLarge, problem.GetProperty("type").GetString());
        Assert.Contains("MaxRequestBytes", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private static async Task<(HttpStatusCode Status, string? MediaType, JsonElement Problem)> PostAsync(HttpClient http, Uri target, int bytes)
    {
        using var content = new ByteArrayContent(new byte[bytes]);
        content.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        using var response = await http.PostAsync(new Uri(target, "api/v1/anonymize"), content);
        var text = await response.Content.ReadAsStringAsync();
        using var json = JsonDocument.Parse(text);
        return (response.StatusCode, response.Content.Headers.ContentType?.MediaType, json.RootElement.Clone());
    }

    /// <summary>radanon_outputs_total (all kinds) from each replica's /metrics, which nginx does not expose.</summary>
    private static async Task<IReadOnlyList<long>> OutputCountsAsync(HttpClient http, LocalCluster cluster)
    {
        var counts = new List<long>();
        foreach (var replica in cluster.Replicas)
        {
            var text = await http.GetStringAsync(new Uri(replica, "metrics"));
            counts.Add(text.Split('\n').Where(l => l.StartsWith("radanon_outputs_total", StringComparison.Ordinal))
                .Sum(l => long.Parse(l.Split(' ')[1], CultureInfo.InvariantCulture)));
        }

        return counts;
    }

    /// <summary>The API tests' radiograph (a synthetic one with a name burned in near the top), which cleans without residual text.</summary>
    private static GrayImage Radiograph()
    {
        var image = RadiographGenerator.Generate(11, new GeneratorOptions { Width = 512, Height = 600, BitsStored = 8, MinTextLines = 1, MaxTextLines = 1 }).Image;
        using var text = Image.Text("NOWAKZQCANARYX 19700101", font: "DejaVu Sans Bold 28", dpi: 72);
        var mask = text.Cast(Enums.BandFormat.Uchar).WriteToMemory<byte>();
        for (var y = 0; y < text.Height && 20 + y < image.Height; y++)
        {
            for (var x = 0; x < text.Width && 16 + x < image.Width; x++)
            {
                if (mask[(y * text.Width) + x] > 96)
                {
                    image[16 + x, 20 + y] = image.MaxValue;
                }
            }
        }

        return image;
    }

    private static byte[] Png(GrayImage image)
    {
        using var vips = Image.NewFromMemory(image.Pixels8.ToArray(), image.Width, image.Height, 1, Enums.BandFormat.Uchar);
        return vips.PngsaveBuffer();
    }

    private static byte[] Dicom(GrayImage image)
    {
        var ds = new DicomDataset();
        ds.AddOrUpdate(DicomTags.SOPClassUID, DicomVR.UI, "1.2.840.10008.5.1.4.1.1.1");
        ds.AddOrUpdate(DicomTags.SOPInstanceUID, DicomVR.UI, "1.2.826.0.1.3680043.2.1125.99.1");
        ds.AddOrUpdate(DicomTags.StudyInstanceUID, DicomVR.UI, OriginalStudyUid);
        ds.AddOrUpdate(DicomTags.SeriesInstanceUID, DicomVR.UI, "1.2.826.0.1.3680043.2.1125.99.3");
        ds.AddOrUpdate(DicomTags.Modality, DicomVR.CS, "CR");
        ds.AddOrUpdate(DicomTags.PatientName, DicomVR.PN, "NOWAK^ANNA");
        ds.AddOrUpdate(DicomTags.PatientID, DicomVR.LO, "ID0042");
        ds.AddOrUpdate(DicomTags.SamplesPerPixel, DicomVR.US, (ushort)1);
        ds.AddOrUpdate(DicomTags.PhotometricInterpretation, DicomVR.CS, "MONOCHROME2");
        ds.AddOrUpdate(DicomTags.Rows, DicomVR.US, (ushort)image.Height);
        ds.AddOrUpdate(DicomTags.Columns, DicomVR.US, (ushort)image.Width);
        ds.AddOrUpdate(DicomTags.BitsAllocated, DicomVR.US, (ushort)8);
        ds.AddOrUpdate(DicomTags.BitsStored, DicomVR.US, (ushort)8);
        ds.AddOrUpdate(DicomTags.HighBit, DicomVR.US, (ushort)7);
        ds.AddOrUpdate(DicomTags.PixelRepresentation, DicomVR.US, (ushort)0);
        ds.AddOrReplace(new DicomValueElement(DicomTags.PixelData, DicomVR.OB, image.Pixels8.ToArray()));
        return new DicomFile(new DicomDataset(), ds, TransferSyntax.ExplicitVRLittleEndian).ToBytes();
    }
}

/// <summary>One two-replica cluster for the class: 4 MiB nginx body limit, 2 MiB API limit, PostgreSQL without fsync.</summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    private LocalCluster? _cluster;

    public LocalCluster Cluster => _cluster ?? throw new InvalidOperationException("no cluster without PostgreSQL and nginx (./radanon test installs both)");

    public async Task InitializeAsync()
    {
        if (!LocalCluster.IsAvailable && !Repository.IsCI)
        {
            return; // the facts skip themselves (ClusterFact); in CI the start below fails loudly instead.
        }

        _cluster = await LocalCluster.StartAsync("--replicas", "2", "--max-body", "4m", "--api-max-bytes", (2 << 20).ToString(CultureInfo.InvariantCulture), "--no-fsync");
    }

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }
}

/// <summary>Needs PostgreSQL and nginx: skips outside CI when either is missing; in CI ./radanon test installs both.</summary>
public sealed class ClusterFactAttribute : FactAttribute
{
    public ClusterFactAttribute()
    {
        if (!LocalCluster.IsAvailable && !Repository.IsCI)
        {
            Skip = "needs postgresql and nginx (installed by ./radanon test)";
        }
    }
}
