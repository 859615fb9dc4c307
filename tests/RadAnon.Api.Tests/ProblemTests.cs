using System.Net.Http.Headers;
using System.Text;
using RadAnon.Api.Problems;
using RadAnon.Dicom;
using RadAnon.Dicom.Data;
using RadAnon.TestSupport;

namespace RadAnon.Api.Tests;

/// <summary>Every refusal is RFC 9457 problem details with its stable type, and never a 500.</summary>
public sealed class ProblemTests : IClassFixture<RadAnonFactoryFixture>
{
    private readonly RadAnonFactory _factory;

    public ProblemTests(RadAnonFactoryFixture fixture)
    {
        _factory = fixture.Factory;
    }

    [Fact]
    public async Task TextBody_Is415UnsupportedMediaType()
    {
        using var client = _factory.CreateClient();
        using var response = await client.PostAsync("/api/v1/anonymize", new StringContent("hello", Encoding.UTF8, "text/plain"));
        await Http.AssertProblemAsync(response, 415, ProblemTypes.UnsupportedMediaType);
    }

    [Fact]
    public async Task NotAnImage_DeclaredAsPng_Is415()
    {
        using var client = _factory.CreateClient();
        using var response = await client.PostAsync("/api/v1/anonymize", Http.Raw(Encoding.UTF8.GetBytes("%PDF-1.7 not an image at all"), "image/png"));
        await Http.AssertProblemAsync(response, 415, ProblemTypes.UnsupportedMediaType);
    }

    [Theory]
    [InlineData("?profile=nosuch")]
    [InlineData("?redact=smudge")]
    [InlineData("?format=gif")]
    [InlineData("?markers=7")]
    [InlineData("?regions=%7Bnot-json")]
    [InlineData("?regions=%7B%22add%22%3A%5B%7B%22x%22%3A-1%2C%22y%22%3A0%2C%22width%22%3A5%2C%22height%22%3A5%7D%5D%7D")]
    public async Task BadOption_Is400InvalidOptions(string query)
    {
        using var client = _factory.CreateClient();
        using var response = await client.PostAsync("/api/v1/anonymize" + query, Http.Raw(TestImages.Png(TestImages.Radiograph(32, 32)), "image/png"));
        await Http.AssertProblemAsync(response, 400, ProblemTypes.InvalidOptions);
    }

    [Fact]
    public async Task UnknownJsonOption_Is400()
    {
        using var client = _factory.CreateClient();
        using var response = await client.PostAsync("/api/v1/anonymize", Http.Form(TestImages.Png(TestImages.Radiograph(32, 32)), "image/png", "{\"colour\":\"red\"}"));
        var problem = await Http.AssertProblemAsync(response, 400, ProblemTypes.InvalidOptions);
        Assert.Contains("colour", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FormWithoutFile_Is400MissingFile()
    {
        using var client = _factory.CreateClient();
        using var form = new MultipartFormDataContent { { new StringContent("{}"), "options" } };
        using var response = await client.PostAsync("/api/v1/anonymize", form);
        await Http.AssertProblemAsync(response, 400, ProblemTypes.MissingFile);
    }

    [Fact]
    public async Task MalformedDicom_Is422InvalidDicom_WithAnOffset()
    {
        using var client = _factory.CreateClient();
        var bytes = new byte[128].Concat("DICM"u8.ToArray()).Concat(new byte[] { 0x02, 0x00, 0x10, 0x00, (byte)'U', (byte)'I', 0xFF, 0x7F }).ToArray();
        using var response = await client.PostAsync("/api/v1/anonymize", Http.Raw(bytes, "application/dicom"));
        var problem = await Http.AssertProblemAsync(response, 422, ProblemTypes.InvalidDicom);
        Assert.Contains("offset", problem.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task UnsupportedTransferSyntax_Is415_NamingTheUid()
    {
        using var client = _factory.CreateClient();
        var ds = new DicomDataset();
        ds.AddOrUpdate(DicomTags.SOPClassUID, DicomVR.UI, "1.2.840.10008.5.1.4.1.1.1");
        ds.AddOrUpdate(DicomTags.SOPInstanceUID, DicomVR.UI, "1.2.3.4");
        ds.AddOrUpdate(DicomTags.Rows, DicomVR.US, (ushort)8);
        ds.AddOrUpdate(DicomTags.Columns, DicomVR.US, (ushort)8);
        ds.AddOrUpdate(DicomTags.BitsAllocated, DicomVR.US, (ushort)8);
        ds.AddOrUpdate(DicomTags.BitsStored, DicomVR.US, (ushort)8);
        ds.AddOrUpdate(DicomTags.HighBit, DicomVR.US, (ushort)7);
        ds.AddOrUpdate(DicomTags.SamplesPerPixel, DicomVR.US, (ushort)1);
        ds.AddOrUpdate(DicomTags.PixelRepresentation, DicomVR.US, (ushort)0);
        ds.AddOrUpdate(DicomTags.PhotometricInterpretation, DicomVR.CS, "MONOCHROME2");
        ds.AddOrReplace(new DicomFragments(DicomTags.PixelData, DicomVR.OB, ReadOnlyMemory<byte>.Empty, [new byte[] { 0xFF, 0x0A, 1, 2 }]));
        var jpegXl = TransferSyntax.Lookup("1.2.840.10008.1.2.4.110");
        var bytes = new DicomFile(new DicomDataset(), ds, jpegXl).ToBytes();

        using var response = await client.PostAsync("/api/v1/anonymize", Http.Raw(bytes, "application/dicom"));

        var problem = await Http.AssertProblemAsync(response, 415, ProblemTypes.UnsupportedTransferSyntax);
        Assert.Contains("1.2.840.10008.1.2.4.110", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TruncatedPng_Is422InvalidImage()
    {
        using var client = _factory.CreateClient();
        var png = TestImages.Png(TestImages.Radiograph(64, 64));

        using var response = await client.PostAsync("/api/v1/anonymize", Http.Raw(png[..(png.Length / 2)], "image/png"));

        await Http.AssertProblemAsync(response, 422, ProblemTypes.InvalidImage);
    }

    [Fact]
    public async Task Dicomdir_Is422DeidentificationRefused()
    {
        using var client = _factory.CreateClient();
        var ds = new DicomDataset();
        ds.AddOrUpdate(DicomTags.FileSetID, DicomVR.CS, "TEST");
        var meta = new DicomDataset();
        meta.AddOrUpdate(DicomTags.MediaStorageSOPClassUID, DicomVR.UI, "1.2.840.10008.1.3.10");
        meta.AddOrUpdate(DicomTags.MediaStorageSOPInstanceUID, DicomVR.UI, "1.2.3.4.5");
        var bytes = new DicomFile(meta, ds, TransferSyntax.ExplicitVRLittleEndian).ToBytes();

        using var response = await client.PostAsync("/api/v1/anonymize?profile=basic", Http.Raw(bytes, "application/dicom"));

        await Http.AssertProblemAsync(response, 422, ProblemTypes.DeidentificationRefused);
    }

    [Fact]
    public async Task PixelJobGate_AllWorkersBusyPastTheQueueTimeout_IsBusyWithRetryAfter()
    {
        using var gate = new RadAnon.Api.Hosting.PixelJobGate(1, TimeSpan.FromMilliseconds(50));
        using var release = new ManualResetEventSlim();
        var first = gate.RunAsync(() => release.Wait(TimeSpan.FromSeconds(10)), CancellationToken.None);

        var refused = await Assert.ThrowsAsync<ApiProblemException>(() => gate.RunAsync(() => true, CancellationToken.None));

        release.Set();
        Assert.True(await first);
        Assert.Equal(ProblemTypes.Busy, refused.Type);
        Assert.NotNull(refused.RetryAfter);
        Assert.Equal(503, ProblemTypes.Describe(refused.Type).Status);
    }

    [Fact]
    public async Task UnknownReport_Is404()
    {
        using var client = _factory.CreateClient();
        using var response = await client.GetAsync("/api/v1/reports/0123456789abcdef0123456789abcdef");
        await Http.AssertProblemAsync(response, 404, ProblemTypes.NotFound);
    }

    [Fact]
    public async Task ReportLookup_WithoutAHash_Is400()
    {
        using var client = _factory.CreateClient();
        using var response = await client.GetAsync("/api/v1/reports?sha256=xyz");
        await Http.AssertProblemAsync(response, 400, ProblemTypes.InvalidOptions);
    }

    [Fact]
    public async Task BodyOverTheLimit_Is413()
    {
        using var factory = new RadAnonFactory(new() { ["RadAnon:Limits:MaxRequestBytes"] = "1000" });
        using var client = factory.CreateClient();
        using var response = await client.PostAsync("/api/v1/anonymize", Http.Form(new byte[5000], "image/png"));
        await Http.AssertProblemAsync(response, 413, ProblemTypes.RequestTooLarge);
    }

    [Fact]
    public async Task ImageOverThePixelLimit_Is413ImageTooLarge()
    {
        using var factory = new RadAnonFactory(new() { ["RadAnon:Limits:MaxPixels"] = "1000" });
        using var client = factory.CreateClient();
        using var response = await client.PostAsync("/api/v1/anonymize", Http.Raw(TestImages.Png(TestImages.Radiograph(64, 64)), "image/png"));
        await Http.AssertProblemAsync(response, 413, ProblemTypes.ImageTooLarge);
    }

    [Fact]
    public async Task OcrUnavailable_Is503_AndNoOutputIsRecorded()
    {
        var empty = Directory.CreateTempSubdirectory("radanon-tessdata-").FullName;
        using var factory = new RadAnonFactory(new() { ["RadAnon:TessdataPath"] = empty });
        using var client = factory.CreateClient();

        using var response = await client.PostAsync("/api/v1/anonymize", Http.Raw(TestImages.Png(TestImages.Radiograph(64, 64)), "image/png"));

        await Http.AssertProblemAsync(response, 503, ProblemTypes.OcrUnavailable);
        Assert.True(response.Headers.RetryAfter is not null);
        Assert.False(response.Headers.Contains("RadAnon-Report-Id"));
        using var ready = await client.GetAsync("/health/ready");
        Assert.Equal(503, (int)ready.StatusCode);
        Directory.Delete(empty);
    }

    [Fact]
    public async Task TextModelUnavailable_Is503_NotReady_AndHeaderOnlyStillWorks()
    {
        var missing = Path.Combine(Path.GetTempPath(), "radanon-no-model-" + Guid.NewGuid().ToString("N"), "ch_PP-OCRv4_det_infer.onnx");
        using var factory = new RadAnonFactory(new() { ["RadAnon:TextModelPath"] = missing });
        using var client = factory.CreateClient();

        using var response = await client.PostAsync("/api/v1/anonymize", Http.Raw(TestImages.Png(TestImages.Radiograph(64, 64)), "image/png"));

        await Http.AssertProblemAsync(response, 503, ProblemTypes.TextModelUnavailable);
        Assert.True(response.Headers.RetryAfter is not null);
        Assert.False(response.Headers.Contains("RadAnon-Report-Id"));
        using var ready = await client.GetAsync("/health/ready");
        Assert.Equal(503, (int)ready.StatusCode);
        Assert.Contains("\"textModel\":\"unavailable\"", await ready.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var headerOnly = await client.PostAsync("/api/v1/anonymize?profile=basic", Http.Raw(TestImages.Dicom(TestImages.Radiograph(32, 32)), "application/dicom"));
        Assert.Equal(200, (int)headerOnly.StatusCode);
    }

    [Fact]
    public async Task LedgerUnavailable_Is503_AndTheOutputIsNotReturned()
    {
        using var factory = new RadAnonFactory(new() { ["RadAnon:PostgresConnectionString"] = "Host=127.0.0.1;Port=1;Username=x;Timeout=2" });
        using var client = factory.CreateClient();

        using var response = await client.PostAsync("/api/v1/anonymize?profile=basic", Http.Raw(TestImages.Dicom(TestImages.Radiograph(32, 32)), "application/dicom"));

        await Http.AssertProblemAsync(response, 503, ProblemTypes.LedgerUnavailable);
    }

    [Fact]
    public async Task ApiKeys_RequestWithoutKeyIs401_WithKeySucceeds()
    {
        const string key = "s3cret-key";
        var digest = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(key)));
        using var factory = new RadAnonFactory(new() { ["RadAnon:Security:ApiKeySha256:0"] = digest });
        using var client = factory.CreateClient();

        using var without = await client.GetAsync("/api/v1/profiles");
        using var wrong = new HttpRequestMessage(HttpMethod.Get, "/api/v1/profiles") { Headers = { { "X-API-Key", "nope" } } };
        using var wrongResponse = await client.SendAsync(wrong);
        using var bearer = new HttpRequestMessage(HttpMethod.Get, "/api/v1/profiles") { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", key) } };
        using var bearerResponse = await client.SendAsync(bearer);
        using var page = await client.GetAsync("/");

        await Http.AssertProblemAsync(without, 401, ProblemTypes.Unauthorized);
        await Http.AssertProblemAsync(wrongResponse, 401, ProblemTypes.Unauthorized);
        Assert.True(bearerResponse.IsSuccessStatusCode);
        Assert.True(page.IsSuccessStatusCode);
    }

    [Fact]
    public async Task RateLimit_OverThePerMinuteBudget_Is429()
    {
        using var factory = new RadAnonFactory(new() { ["RadAnon:Security:RequestsPerMinute"] = "3" });
        using var client = factory.CreateClient();

        var statuses = new List<int>();
        for (var i = 0; i < 5; i++)
        {
            using var response = await client.GetAsync("/api/v1/profiles");
            statuses.Add((int)response.StatusCode);
            if (i == 4)
            {
                await Http.AssertProblemAsync(response, 429, ProblemTypes.RateLimited);
            }
        }

        Assert.Equal([200, 200, 200, 429, 429], statuses);
    }

    [Fact]
    public async Task RateLimit_WithoutTrustedProxies_IgnoresAClientsOwnXForwardedFor()
    {
        // Regression: with no RadAnon:Security:TrustedProxies, ASP.NET Core's empty KnownProxies list meant "believe every
        // sender", so a client could open a fresh rate-limit partition per request by sending its own X-Forwarded-For.
        using var factory = new RadAnonFactory(new() { ["RadAnon:Security:RequestsPerMinute"] = "2" });
        using var client = factory.CreateClient();

        var statuses = new List<int>();
        foreach (var forwardedFor in new[] { "198.51.100.1", "198.51.100.2", "198.51.100.3" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/profiles");
            request.Headers.Add("X-Forwarded-For", forwardedFor);
            using var response = await client.SendAsync(request);
            statuses.Add((int)response.StatusCode);
        }

        Assert.Equal([200, 200, 429], statuses);
    }

    [Fact]
    public async Task Page_IsServedWithAStrictContentSecurityPolicy()
    {
        using var client = _factory.CreateClient();
        using var response = await client.GetAsync("/");
        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));

        Assert.True(response.IsSuccessStatusCode);
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
    }

    [Fact]
    public async Task ApiReference_AllowsOnlyItsOwnInlineScript_ByHash()
    {
        using var client = _factory.CreateClient();
        using var response = await client.GetAsync("/scalar/");
        var html = await response.Content.ReadAsStringAsync();
        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));

        Assert.True(response.IsSuccessStatusCode);
        var hashes = RadAnon.Api.Security.InlineScriptHashes.Of(html);
        Assert.NotEmpty(hashes);
        Assert.Contains("script-src 'self' " + string.Join(' ', hashes) + ";", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
    }

    [Fact]
    public void InlineScriptHashes_HashTheBodyOfScriptsWithoutSrc_AsBrowsersDo()
    {
        const string Html = "<script src=\"a.js\"></script><script type=\"module\">alert(1)</script><SCRIPT>\n x \n</SCRIPT>";

        var hashes = RadAnon.Api.Security.InlineScriptHashes.Of(Html);

        // Reference values: printf 'alert(1)' | openssl dgst -sha256 -binary | base64 (and the same for "\n x \n").
        Assert.Equal(["'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='", "'sha256-" + Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData("\n x \n"u8)) + "'"], hashes);
    }

    [Fact]
    public void ProblemTypes_AreUniqueAndStable()
    {
        Assert.Equal(ProblemTypes.All.Count, ProblemTypes.All.Select(t => t.Type).Distinct(StringComparer.Ordinal).Count());
        Assert.All(ProblemTypes.All, t => Assert.StartsWith("https://radanon.dev/problems/", t.Type, StringComparison.Ordinal));
    }
}
