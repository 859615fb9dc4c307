using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using RadAnon.Core.Provenance;
using RadAnon.Core.Provenance.Ledger;
using RadAnon.Dicom;
using RadAnon.TestSupport;

namespace RadAnon.Api.Tests;

/// <summary>End to end through HTTP: DICOM, PNG and JPEG in; clean output, a signed report and an intact chain out.</summary>
public sealed class AnonymizeEndpointTests : IClassFixture<RadAnonFactoryFixture>
{
    private readonly RadAnonFactory _factory;

    public AnonymizeEndpointTests(RadAnonFactoryFixture fixture)
    {
        _factory = fixture.Factory;
    }

    [ToolTheory("tesseract")]
    [InlineData("png")]
    [InlineData("jpeg")]
    [InlineData("dicom")]
    public async Task Anonymize_Image_ReturnsCleanOutputWithSignedReportInTheLedger(string kind)
    {
        using var client = _factory.CreateClient();
        var image = TestImages.Radiograph();
        var (body, media) = kind switch
        {
            "png" => (TestImages.Png(image), "image/png"),
            "jpeg" => (TestImages.Jpeg(image), "image/jpeg"),
            _ => (TestImages.Dicom(image), "application/dicom"),
        };

        using var response = await client.PostAsync("/api/v1/anonymize", Http.Raw(body, media));

        var output = await response.Content.ReadAsByteArrayAsync();
        Assert.True(response.IsSuccessStatusCode, Encoding.UTF8.GetString(output));
        Assert.Equal(media, response.Content.Headers.ContentType?.MediaType);
        var reportId = Assert.Single(response.Headers.GetValues("RadAnon-Report-Id"));
        Assert.Contains($"</api/v1/reports/{reportId}>; rel=\"describedby\"", response.Headers.GetValues("Link"));
        Assert.DoesNotContain(TestImages.Canary, Encoding.Latin1.GetString(output), StringComparison.Ordinal);
        if (kind == "dicom")
        {
            using var file = DicomFile.Read(output);
            Assert.Equal(image.Width, file.Dataset.Get<ushort>(DicomTags.Columns));
            Assert.Equal(image.Height, file.Dataset.Get<ushort>(DicomTags.Rows));
            Assert.Equal("NO", file.Dataset.GetString(DicomTags.BurnedInAnnotation));
        }
        else
        {
            Assert.Equal((image.Width, image.Height), TestImages.Geometry(output));
        }

        var report = await ReportAsync(client, reportId);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(output)), report.GetProperty("outputSha256").GetString());
        Assert.DoesNotContain(TestImages.Canary, report.GetRawText(), StringComparison.Ordinal);
        Assert.True(report.GetProperty("report").GetProperty("pixels").GetProperty("counts").GetProperty("redacted").GetInt32() >= 1);
        await AssertSignatureVerifiesWithPublishedKeyAsync(client, report);
        await AssertChainValidAsync();
        Assert.DoesNotContain(_factory.Logs, line => line.Contains(TestImages.Canary, StringComparison.Ordinal));
    }

    [ToolFact("tesseract")]
    public async Task Bundle_ReturnsZipWithOutputAndReport()
    {
        using var client = _factory.CreateClient();
        using var response = await client.PostAsync("/api/v1/anonymize/bundle?format=png", Http.Form(TestImages.Png(TestImages.Radiograph()), "image/png"));

        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        using var zip = new ZipArchive(await response.Content.ReadAsStreamAsync(), ZipArchiveMode.Read);
        var names = zip.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(2, names.Length);
        Assert.Contains("report.json", names);
        Assert.Contains(names, n => n.EndsWith(".png", StringComparison.Ordinal));
        using var reportStream = zip.GetEntry("report.json")!.Open();
        var report = JsonDocument.Parse(reportStream).RootElement;
        Assert.Equal(Assert.Single(response.Headers.GetValues("RadAnon-Report-Id")), report.GetProperty("id").GetString());
    }

    [ToolFact("tesseract")]
    public async Task Analyze_ReturnsRegionsAndPreview_AndRecordsNothing()
    {
        using var client = _factory.CreateClient();
        var ledger = _factory.Services.GetRequiredService<ILedger>();
        var before = await ledger.CountAsync(CancellationToken.None);

        using var response = await client.PostAsync("/api/v1/analyze", Http.Form(TestImages.Png(TestImages.Radiograph()), "image/png", "{\"profile\":\"foamed\"}"));

        var analysis = await Http.JsonAsync(response);
        Assert.True(response.IsSuccessStatusCode, analysis.GetRawText());
        Assert.True(analysis.GetProperty("regions").GetArrayLength() >= 1);
        Assert.False(string.IsNullOrEmpty(analysis.GetProperty("previewPng").GetString()));
        Assert.DoesNotContain(TestImages.Canary, analysis.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(before, await ledger.CountAsync(CancellationToken.None));
    }

    [ToolFact("tesseract")]
    public async Task Verify_UnchangedOutputMatches_ModifiedOutputReportsItsMarker()
    {
        using var client = _factory.CreateClient();
        using var response = await client.PostAsync("/api/v1/anonymize", Http.Raw(TestImages.Png(TestImages.Radiograph()), "image/png"));
        var output = await response.Content.ReadAsByteArrayAsync();
        var reportId = Assert.Single(response.Headers.GetValues("RadAnon-Report-Id"));

        using var same = await client.PostAsync("/api/v1/verify", Http.Raw(output, "image/png"));
        var sameResult = await Http.JsonAsync(same);
        using var changed = await client.PostAsync("/api/v1/verify", Http.Raw([.. output, 0x00], "image/png"));
        var changedResult = await Http.JsonAsync(changed);

        Assert.True(sameResult.GetProperty("match").GetBoolean());
        Assert.Equal(reportId, sameResult.GetProperty("reportIds")[0].GetString());
        Assert.False(changedResult.GetProperty("match").GetBoolean());
        Assert.Equal(reportId, changedResult.GetProperty("marker").GetProperty("reportId").GetString());
        Assert.True(changedResult.GetProperty("marker").GetProperty("knownReport").GetBoolean());
    }

    [Fact]
    public async Task FindReports_ByOutputHash_ReturnsTheEntry()
    {
        using var client = _factory.CreateClient();
        var dicom = TestImages.Dicom(TestImages.Radiograph(64, 64));
        using var response = await client.PostAsync("/api/v1/anonymize?profile=basic", Http.Raw(dicom, "application/dicom"));
        var output = await response.Content.ReadAsByteArrayAsync();
        Assert.True(response.IsSuccessStatusCode, Encoding.UTF8.GetString(output));
        var sha = Convert.ToHexStringLower(SHA256.HashData(output));

        using var found = await client.GetAsync($"/api/v1/reports?sha256={sha}");

        var list = await Http.JsonAsync(found);
        Assert.Equal(Assert.Single(response.Headers.GetValues("RadAnon-Report-Id")), Assert.Single(list.EnumerateArray()).GetProperty("id").GetString());
    }

    [Fact]
    public async Task Profiles_ListTheNamedProfilesWithTheirCodes()
    {
        using var client = _factory.CreateClient();
        var profiles = await Http.JsonAsync(await client.GetAsync("/api/v1/profiles"));

        var names = profiles.EnumerateArray().Select(p => p.GetProperty("name").GetString()).ToArray();
        Assert.Contains("basic", names);
        Assert.Contains("research", names);
        var foamed = profiles.EnumerateArray().Single(p => p.GetProperty("name").GetString() == "foamed");
        Assert.True(foamed.GetProperty("isDefault").GetBoolean());
        Assert.Contains(foamed.GetProperty("codes").EnumerateArray(), c => c.GetProperty("value").GetString() == "113101");
    }

    [Fact]
    public async Task OpenApi_DocumentsEveryEndpoint()
    {
        using var client = _factory.CreateClient();
        var document = await Http.JsonAsync(await client.GetAsync("/openapi/v1.json"));
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToArray();

        foreach (var path in new[] { "/api/v1/anonymize", "/api/v1/anonymize/bundle", "/api/v1/analyze", "/api/v1/reports/{id}", "/api/v1/reports", "/api/v1/verify", "/api/v1/profiles", "/api/v1/keys", "/health/ready" })
        {
            Assert.Contains(path, paths);
        }

        Assert.True(document.GetProperty("paths").GetProperty("/api/v1/anonymize").GetProperty("post").GetProperty("requestBody").GetProperty("content").TryGetProperty("multipart/form-data", out _));
    }

    [Fact]
    public async Task Health_LiveAndMetricsAnswer()
    {
        using var client = _factory.CreateClient();
        Assert.True((await client.GetAsync("/health/live")).IsSuccessStatusCode);
        var metrics = await client.GetStringAsync("/metrics");
        Assert.Contains("# TYPE", metrics, StringComparison.Ordinal);
    }

    [ToolFact("tesseract")]
    public async Task Health_Ready_WhenOcrAndLedgerWork()
    {
        using var client = _factory.CreateClient();
        var ready = await Http.JsonAsync(await client.GetAsync("/health/ready"));
        Assert.Equal("ready", ready.GetProperty("status").GetString());
        Assert.Equal("sqlite", ready.GetProperty("ledger").GetString());
    }

    private static async Task<JsonElement> ReportAsync(HttpClient client, string id)
    {
        using var response = await client.GetAsync($"/api/v1/reports/{id}");
        Assert.True(response.IsSuccessStatusCode);
        return await Http.JsonAsync(response);
    }

    /// <summary>Checks the ES256 signature with the key published at /api/v1/keys, independent of the server's code.</summary>
    private static async Task AssertSignatureVerifiesWithPublishedKeyAsync(HttpClient client, JsonElement envelope)
    {
        var keys = await Http.JsonAsync(await client.GetAsync("/api/v1/keys"));
        var jwk = keys.GetProperty("keys")[0];
        using var key = ECDsa.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = Base64Url(jwk.GetProperty("x").GetString()!), Y = Base64Url(jwk.GetProperty("y").GetString()!) },
        });
        var canonical = CanonicalJson.ToBytes(envelope.GetProperty("report").GetRawText());
        Assert.Equal(envelope.GetProperty("reportSha256").GetString(), Convert.ToHexStringLower(SHA256.HashData(canonical)));
        Assert.True(key.VerifyData(canonical, Base64Url(envelope.GetProperty("signature").GetString()!), HashAlgorithmName.SHA256));
    }

    private async Task AssertChainValidAsync()
    {
        var ledger = _factory.Services.GetRequiredService<ILedger>();
        var signer = _factory.Services.GetRequiredService<ReportSigner>();
        var verification = await LedgerVerifier.VerifyAsync(ledger, signer, CancellationToken.None);
        Assert.True(verification.Valid, verification.Problem);
    }

    private static byte[] Base64Url(string text)
    {
        var s = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(s + new string('=', (4 - (s.Length % 4)) % 4));
    }
}

/// <summary>One in-memory server shared by the tests of a class.</summary>
public sealed class RadAnonFactoryFixture : IDisposable
{
    public RadAnonFactory Factory { get; } = new();

    public void Dispose() => Factory.Dispose();
}
