using System.Diagnostics;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.IO.Pipelines;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using RadAnon.Api.Hosting;
using RadAnon.Api.Requests;
using RadAnon.Core.Profiles;
using RadAnon.Api.Problems;
using RadAnon.Core.Provenance;
using RadAnon.Core.Provenance.Ledger;
using RadAnon.Dicom;
using RadAnon.TestSupport;

namespace RadAnon.Api.Tests;

/// <summary>POST /api/v1/anonymize/batch: outputs, reports, failures and summary in one streamed ZIP; hostile archives refused whole; no spool left behind.</summary>
public sealed class BatchEndpointTests : IClassFixture<BatchFactoryFixture>
{
    private readonly BatchFactoryFixture _fixture;
    private readonly RadAnonFactory _factory;

    public BatchEndpointTests(BatchFactoryFixture fixture)
    {
        _fixture = fixture;
        _factory = fixture.Factory;
    }

    [ToolFact("tesseract")]
    public async Task Batch_WithFolders_ReturnsOutputsReportsFailuresAndSummary_AllInTheLedger()
    {
        using var client = _factory.CreateClient();
        var image = TestImages.Radiograph();
        var zip = TestZips.Build(
            ("study/one.dcm", TestImages.Dicom(image, 1)),
            ("study/", []),
            ("photos/knee.png", TestImages.Png(image)),
            ("photos/hand.jpg", TestImages.Jpeg(image)),
            ("broken/half.png", TestImages.Png(image)[..100]),
            ("__MACOSX/photos/._knee.png", [1, 2, 3]),
            (".DS_Store", [0]));
        var ledger = _factory.Services.GetRequiredService<ILedger>();
        var before = await ledger.CountAsync(CancellationToken.None);

        using var response = await client.PostAsync("/api/v1/anonymize/batch", TestZips.Form(zip));

        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        Assert.Contains(".zip", response.Content.Headers.ContentDisposition?.FileName, StringComparison.Ordinal);
        var entries = await TestZips.ReadAsync(response);
        Assert.True(entries.Count == 8, Encoding.UTF8.GetString(entries["failures.json"]));
        Assert.Equal(
            ["failures.json", "photos/hand.jpg", "photos/hand.report.json", "photos/knee.png", "photos/knee.report.json", "study/one.dcm", "study/one.report.json", "summary.json"],
            entries.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, bytes) in entries)
        {
            Assert.DoesNotContain(TestImages.Canary, Encoding.Latin1.GetString(bytes), StringComparison.Ordinal);
        }

        foreach (var output in new[] { "study/one.dcm", "photos/knee.png", "photos/hand.jpg" })
        {
            var report = TestZips.Json(entries[Path.ChangeExtension(output, ".report.json")]);
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(entries[output])), report.GetProperty("outputSha256").GetString());
            Assert.Equal(report.GetProperty("id").GetString(), report.GetProperty("report").GetProperty("reportId").GetString());
        }

        var failure = Assert.Single(TestZips.Json(entries["failures.json"]).EnumerateArray());
        Assert.Equal("broken/half.png", failure.GetProperty("path").GetString());
        Assert.Equal(ProblemTypes.InvalidImage, failure.GetProperty("type").GetString());
        var summary = TestZips.Json(entries["summary.json"]);
        Assert.Equal(3, summary.GetProperty("anonymized").GetInt32());
        Assert.Equal(1, summary.GetProperty("failed").GetInt32());
        Assert.Equal(2, summary.GetProperty("skipped").GetInt32());
        Assert.Equal(1, summary.GetProperty("folders").GetInt32());
        Assert.Equal("ephemeral", summary.GetProperty("key").GetString());

        Assert.Equal(before + 3, await ledger.CountAsync(CancellationToken.None));
        var verification = await LedgerVerifier.VerifyAsync(ledger, _factory.Services.GetRequiredService<ReportSigner>(), CancellationToken.None);
        Assert.True(verification.Valid, verification.Problem);
        Assert.DoesNotContain(_factory.Logs, line => line.Contains(TestImages.Canary, StringComparison.Ordinal) || line.Contains("knee", StringComparison.Ordinal));
        await _fixture.AssertNoSpoolLeftAsync();
    }

    [Fact]
    public async Task Batch_OneStudy_SharesPseudonymisedStudyUidAndPatientId_UnderOneEphemeralKey()
    {
        using var client = _factory.CreateClient();
        var image = TestImages.Radiograph(64, 64);
        var zip = TestZips.Build(("a/1.dcm", TestImages.Dicom(image, 1)), ("a/2.dcm", TestImages.Dicom(image, 2)), ("b/3.dcm", TestImages.Dicom(image, 3)));

        using var response = await client.PostAsync("/api/v1/anonymize/batch?profile=research", TestZips.Raw(zip));

        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        var entries = await TestZips.ReadAsync(response);
        var files = new[] { "a/1.dcm", "a/2.dcm", "b/3.dcm" }.Select(n => DicomFile.Read(entries[n])).ToArray();
        try
        {
            var studies = files.Select(f => f.Dataset.GetString(DicomTags.StudyInstanceUID)).Distinct().ToArray();
            var patients = files.Select(f => f.Dataset.GetString(DicomTags.PatientID)).Distinct().ToArray();
            var instances = files.Select(f => f.Dataset.GetString(DicomTags.SOPInstanceUID)).Distinct().ToArray();
            Assert.Single(studies);
            Assert.NotEqual("1.2.826.0.1.3680043.2.1125.99.2", studies[0]);
            Assert.Single(patients);
            Assert.False(string.IsNullOrEmpty(patients[0]));
            Assert.DoesNotContain(TestImages.Canary, patients[0], StringComparison.Ordinal);
            Assert.Equal(3, instances.Length);
        }
        finally
        {
            foreach (var file in files)
            {
                file.Dispose();
            }
        }

        // A second batch gets another ephemeral key, so nothing links the two.
        using var again = await client.PostAsync("/api/v1/anonymize/batch?profile=research", TestZips.Raw(zip));
        using var other = DicomFile.Read((await TestZips.ReadAsync(again))["a/1.dcm"]);
        using var first = DicomFile.Read(entries["a/1.dcm"]);
        Assert.NotEqual(first.Dataset.GetString(DicomTags.StudyInstanceUID), other.Dataset.GetString(DicomTags.StudyInstanceUID));
    }

    [Fact]
    public async Task Batch_PerEntryFailures_GoToFailuresJson_AndTheBatchGoesOn()
    {
        using var client = _factory.CreateClient();
        var dicom = TestImages.Dicom(TestImages.Radiograph(32, 32));
        var nested = TestZips.Build(("inner.dcm", dicom));
        var lying = TestZips.DeclareUncompressedSize(TestZips.Build(("lies.dcm", dicom)), 1000);
        var zip = TestZips.Build(("ok.dcm", dicom), ("notes.txt", "hello"u8.ToArray()), ("inner.zip", nested), ("bad.dcm", new byte[128].Concat("DICM"u8.ToArray()).Concat(new byte[] { 2, 0, 0x10, 0, (byte)'U', (byte)'I', 0xFF, 0x7F }).ToArray()));

        using var response = await client.PostAsync("/api/v1/anonymize/batch?profile=basic", TestZips.Raw(zip));
        using var lyingResponse = await client.PostAsync("/api/v1/anonymize/batch?profile=basic", TestZips.Raw(lying));

        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        var entries = await TestZips.ReadAsync(response);
        Assert.Contains("ok.dcm", entries.Keys);
        var failures = TestZips.Json(entries["failures.json"]).EnumerateArray().ToDictionary(f => f.GetProperty("path").GetString()!, f => f.GetProperty("type").GetString());
        Assert.Equal(ProblemTypes.UnsupportedMediaType, failures["notes.txt"]);
        Assert.Equal(ProblemTypes.UnsupportedMediaType, failures["inner.zip"]);
        Assert.Equal(ProblemTypes.InvalidDicom, failures["bad.dcm"]);

        // Headers that under-declare the size: the read stops at declared + 1 byte, and the entry fails, not the process.
        Assert.True(lyingResponse.IsSuccessStatusCode, await lyingResponse.Content.ReadAsStringAsync());
        var lyingEntries = await TestZips.ReadAsync(lyingResponse);
        var lyingFailure = Assert.Single(TestZips.Json(lyingEntries["failures.json"]).EnumerateArray());
        Assert.Contains(lyingFailure.GetProperty("type").GetString(), new[] { ProblemTypes.UnsafeArchive, ProblemTypes.InvalidArchive });
        Assert.DoesNotContain("lies.dcm", lyingEntries.Keys);
        await _fixture.AssertNoSpoolLeftAsync();
    }

    [Theory]
    [InlineData("../x.dcm")]
    [InlineData("a/../../x.dcm")]
    [InlineData("/etc/x")]
    [InlineData("..\\x.dcm")]
    [InlineData("C:/x.dcm")]
    public async Task Batch_PathLeavingTheArchive_Is422UnsafeArchive(string name)
    {
        using var client = _factory.CreateClient();
        var zip = TestZips.Build(("fine.dcm", [1]), (name, [1, 2, 3]));
        using var response = await client.PostAsync("/api/v1/anonymize/batch", TestZips.Raw(zip));
        var problem = await Http.AssertProblemAsync(response, 422, ProblemTypes.UnsafeArchive);
        Assert.Contains("entry 2", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await _fixture.AssertNoSpoolLeftAsync();
    }

    [Fact]
    public async Task Batch_HostileArchives_AreRefusedWholeWithTheirProblemTypes()
    {
        using var client = _factory.CreateClient();
        var cases = new (string Name, byte[] Body, int Status, string Type)[]
        {
            ("symlink", TestZips.Symlink(), 422, ProblemTypes.UnsafeArchive),
            ("bomb", TestZips.Bomb(64L << 20), 422, ProblemTypes.UnsafeArchive),
            ("encrypted", TestZips.MarkEncrypted(TestZips.Build(("a.dcm", new byte[100]))), 422, ProblemTypes.UnsafeArchive),
            ("duplicate", TestZips.Build(("a/x.dcm", [1]), ("A/X.dcm", [2])), 422, ProblemTypes.UnsafeArchive),
            ("too many", TestZips.Build([.. Enumerable.Range(0, 61).Select(i => ($"f{i}.dcm", new byte[] { 1 }))]), 413, ProblemTypes.ArchiveTooLarge),
            ("truncated", TestZips.Build(CompressionLevel.NoCompression, ("a.dcm", new byte[1000]))[..200], 422, ProblemTypes.InvalidArchive),
            ("not a zip", Encoding.UTF8.GetBytes("%PDF-1.7 certainly not a zip archive"), 415, ProblemTypes.UnsupportedMediaType),
        };

        foreach (var (name, body, status, type) in cases)
        {
            using var response = await client.PostAsync("/api/v1/anonymize/batch", TestZips.Raw(body));
            var text = await response.Content.ReadAsStringAsync();
            Assert.True((int)response.StatusCode == status, $"{name}: expected {status}, got {(int)response.StatusCode}: {text}");
            await Http.AssertProblemAsync(response, status, type);
        }

        await _fixture.AssertNoSpoolLeftAsync();
    }

    [Fact]
    public async Task Batch_OverTheBatchLimits_Is413()
    {
        using var small = new RadAnonFactory(new() { ["RadAnon:Limits:MaxBatchBytes"] = "1000", ["RadAnon:Limits:MaxBatchUncompressedBytes"] = "1500" });
        using var client = small.CreateClient();
        var big = TestZips.Build(CompressionLevel.NoCompression, ("a.dcm", RandomNumberGenerator.GetBytes(5000)));
        var declared = TestZips.Build(("a.dcm", new byte[800]), ("b.dcm", new byte[800]));

        using var tooBig = await client.PostAsync("/api/v1/anonymize/batch", TestZips.Raw(big));
        using var tooBigForm = await client.PostAsync("/api/v1/anonymize/batch", TestZips.Form(big));
        using var tooMuchDeclared = await client.PostAsync("/api/v1/anonymize/batch", TestZips.Raw(declared));

        await Http.AssertProblemAsync(tooBig, 413, ProblemTypes.RequestTooLarge);
        await Http.AssertProblemAsync(tooBigForm, 413, ProblemTypes.RequestTooLarge);
        await Http.AssertProblemAsync(tooMuchDeclared, 413, ProblemTypes.ArchiveTooLarge);
    }

    [Fact]
    public async Task Batch_WrongContentTypeAndBadOptions_AreRefusedBeforeTheUpload()
    {
        using var client = _factory.CreateClient();
        using var text = await client.PostAsync("/api/v1/anonymize/batch", new StringContent("x", Encoding.UTF8, "text/plain"));
        using var options = await client.PostAsync("/api/v1/anonymize/batch?profile=nosuch", TestZips.Raw(TestZips.Build(("a.dcm", [1]))));
        using var formOptions = await client.PostAsync("/api/v1/anonymize/batch", TestZips.Form(TestZips.Build(("a.dcm", [1])), "{\"colour\":\"red\"}"));

        await Http.AssertProblemAsync(text, 415, ProblemTypes.UnsupportedMediaType);
        await Http.AssertProblemAsync(options, 400, ProblemTypes.InvalidOptions);
        await Http.AssertProblemAsync(formOptions, 400, ProblemTypes.InvalidOptions);
        await _fixture.AssertNoSpoolLeftAsync();
    }

    [Fact]
    public async Task Batch_ClientStallsAndCancelsMidUpload_SpoolWasCiphertextAndIsDeleted()
    {
        // TestServer only dispatches a request once its body is complete, so the upload is driven through the reader itself.
        var canary = Encoding.ASCII.GetBytes("SPOOLCANARY-" + TestImages.Canary);
        var entries = Enumerable.Range(0, 40).Select(i => ($"p{i}/{i}.dcm", canary.Concat(RandomNumberGenerator.GetBytes(30_000)).Concat(canary).ToArray())).ToArray();
        var zip = TestZips.Build(CompressionLevel.NoCompression, entries);
        Assert.Contains(Encoding.Latin1.GetString(canary), Encoding.Latin1.GetString(zip), StringComparison.Ordinal);
        var pipe = new Pipe();
        var context = new DefaultHttpContext();
        context.Request.ContentType = "application/zip";
        context.Request.Body = pipe.Reader.AsStream();
        var reader = new BatchUploadReader(new RadAnonSettings { TempDirectory = _fixture.SpoolDirectory }, ProfileConfiguration.Default);
        using var cancel = new CancellationTokenSource();

        var upload = reader.ReadAsync(context.Request, cancel.Token);
        await pipe.Writer.WriteAsync(zip.AsMemory(0, zip.Length / 2));
        var spool = await _fixture.WaitForSpoolAsync(TimeSpan.FromSeconds(20));
        var stored = await ReadUnlockedAsync(spool);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => upload);

        Assert.True(stored.Length >= 64 * 1024, $"only {stored.Length} spooled bytes were seen");
        Assert.DoesNotContain("SPOOLCANARY", Encoding.Latin1.GetString(stored), StringComparison.Ordinal);
        await _fixture.AssertNoSpoolLeftAsync();
    }

    [Fact]
    public async Task Batch_ClientDisconnectsWhileTheOutputStreams_StopsAndDeletesTheSpool()
    {
        using var client = _factory.CreateClient();
        var dicom = TestImages.Dicom(TestImages.Radiograph(64, 64));
        var zip = TestZips.Build([.. Enumerable.Range(0, 50).Select(i => ($"s/{i}.dcm", dicom))]);
        using var cancel = new CancellationTokenSource();

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/anonymize/batch?profile=basic") { Content = TestZips.Raw(zip) };
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancel.Token);
        Assert.True(response.IsSuccessStatusCode);
        var body = await response.Content.ReadAsStreamAsync(cancel.Token);
        await body.ReadExactlyAsync(new byte[4], cancel.Token);
        await cancel.CancelAsync();
        await body.DisposeAsync();

        await _fixture.AssertNoSpoolLeftAsync();
    }

    [Fact]
    public async Task Batch_FortySmallEntries_StreamsEveryOutput()
    {
        using var client = _factory.CreateClient();
        var dicom = TestImages.Dicom(TestImages.Radiograph(32, 32));
        var zip = TestZips.Build([.. Enumerable.Range(0, 40).Select(i => ($"d{i % 4}/{i}.dcm", dicom))]);
        var clock = Stopwatch.StartNew();

        using var response = await client.PostAsync("/api/v1/anonymize/batch?profile=basic", TestZips.Raw(zip));

        var entries = await TestZips.ReadAsync(response);
        Assert.Equal(82, entries.Count);
        Assert.Equal(40, TestZips.Json(entries["summary.json"]).GetProperty("anonymized").GetInt32());
        Assert.Empty(TestZips.Json(entries["failures.json"]).EnumerateArray());
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"took {clock.Elapsed}");
        await _fixture.AssertNoSpoolLeftAsync();
    }

    [Fact]
    public async Task OpenApi_DocumentsTheBatchEndpoint()
    {
        using var client = _factory.CreateClient();
        var document = await Http.JsonAsync(await client.GetAsync("/openapi/v1.json"));
        var body = document.GetProperty("paths").GetProperty("/api/v1/anonymize/batch").GetProperty("post").GetProperty("requestBody").GetProperty("content");
        Assert.True(body.TryGetProperty("application/zip", out _));
        Assert.True(body.TryGetProperty("multipart/form-data", out _));
    }

    /// <summary>The spool is opened exclusively (flock); cat does not take locks, so it sees the bytes as stored.</summary>
    private static async Task<byte[]> ReadUnlockedAsync(string path)
    {
        using var cat = Process.Start(new ProcessStartInfo("cat", [path]) { RedirectStandardOutput = true })!;
        using var bytes = new MemoryStream();
        await cat.StandardOutput.BaseStream.CopyToAsync(bytes);
        await cat.WaitForExitAsync();
        return bytes.ToArray();
    }
}

/// <summary>A server whose batch spool goes to a folder the tests own, with a low entry limit.</summary>
public sealed class BatchFactoryFixture : IDisposable
{
    public BatchFactoryFixture()
    {
        SpoolDirectory = Directory.CreateTempSubdirectory("radanon-spool-test-").FullName;
        Factory = new RadAnonFactory(new() { ["RadAnon:TempDirectory"] = SpoolDirectory, ["RadAnon:Limits:MaxBatchEntries"] = "60" });
    }

    public RadAnonFactory Factory { get; }

    public string SpoolDirectory { get; }

    public async Task<string> WaitForSpoolAsync(TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (Directory.EnumerateFiles(SpoolDirectory).FirstOrDefault() is { } file && new FileInfo(file).Length >= 64 * 1024)
            {
                return file;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException("no spool file of 64 KiB appeared: " + string.Join(", ", Directory.EnumerateFiles(SpoolDirectory).Select(f => $"{f} {new FileInfo(f).Length}")));
    }

    /// <summary>Spools are deleted when the request ends, which can be a moment after the client has its answer.</summary>
    public async Task AssertNoSpoolLeftAsync()
    {
        var clock = Stopwatch.StartNew();
        while (Directory.EnumerateFiles(SpoolDirectory).Any() && clock.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(50);
        }

        Assert.Empty(Directory.EnumerateFiles(SpoolDirectory));
    }

    public void Dispose()
    {
        Factory.Dispose();
        Directory.Delete(SpoolDirectory, recursive: true);
    }
}
