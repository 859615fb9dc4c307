using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using RadAnon.Api.Tests.Security;
using RadAnon.Core.Pixels;
using RadAnon.SyntheticData;
using RadAnon.TestSupport;
using Xunit.Abstractions;

namespace RadAnon.E2E.Tests.Adversarial;

/// <summary>
/// Issue 20's outside probe, kept: every reproduction it lists, against the real service on loopback, with each case's
/// status, problem type and peak memory growth written to TestResults/adversarial-probe.tsv.
/// </summary>
public sealed class AdversarialProbeTests : IClassFixture<ProbeServers>
{
    private const string Problems = "https://radanon.dev/problems/";
    private const string Canary = "ZQPROBECANARY";

    private readonly ProbeServers _servers;
    private readonly ITestOutputHelper _output;

    public AdversarialProbeTests(ProbeServers servers, ITestOutputHelper output)
    {
        _servers = servers;
        _output = output;
    }

    public static TheoryData<string, string, string> BrokenMultipart => new()
    {
        { "boundary-never-appears", "XYZ", "just some bytes with no boundary in them at all" },
        { "no-closing-boundary", "XYZ", "--XYZ\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\n\u0089PNG half a file" },
        { "17-section-headers", "XYZ", "--XYZ\r\n" + string.Concat(Enumerable.Range(0, 17).Select(i => $"X-H{i}: v\r\n")) + "Content-Disposition: form-data; name=\"file\"\r\n\r\nabc\r\n--XYZ--\r\n" },
        { "20KB-section-header", "XYZ", "--XYZ\r\nContent-Disposition: form-data; name=\"file\"\r\nX-Big: " + new string('a', 20 * 1024) + "\r\n\r\nabc\r\n--XYZ--\r\n" },
        { "quoted-boundary-escaped-quote", "\"a\\\"b\"", "--a\"b\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nabc\r\n--a\"b--\r\n" },
    };

    // Finding 1: a whole-image veto over burned-in PHI.
    [ToolFact("tesseract", RequiresCorpus = false)]
    public async Task F1_WholeImageVeto_IsNotClaimedClean()
    {
        using var client = Client(_servers.Open);
        using var form = Form(Dicom(RadiographWithText(512, 600)), "application/dicom",
            "{\"regions\":{\"veto\":[{\"x\":0,\"y\":0,\"width\":100000,\"height\":100000}]}}");
        HttpResponseMessage? response = null;
        var m = await ProbeServers.MeasureAsync(_servers.Open, "1", "whole-image-veto", async () =>
        {
            response = await client.PostAsync("api/v1/anonymize", form);
            return ((int)response.StatusCode, null);
        });
        _output.WriteLine(m.ToString());
        using (response)
        {
            Assert.Equal(200, m.Status);
            var report = await ReportAsync(client, response!);
            Assert.False(report.GetProperty("pixelsCleaned").GetBoolean());
            var vetoed = report.GetProperty("pixels").GetProperty("vetoedIdentifying");
            Assert.True(vetoed.GetProperty("count").GetInt32() + vetoed.GetProperty("residualWords").GetInt32() + vetoed.GetProperty("unverified").GetInt32() > 0, vetoed.GetRawText());
            var output = await response!.Content.ReadAsByteArrayAsync();
            _output.WriteLine(report.GetProperty("warnings").GetRawText());
            Assert.Equal("YES", BurnedInAnnotation(output)); // the input's value, left as it was
        }
    }

    // Finding 2: linkable reports, creators, file modes.
    [ToolFact(RequiresCorpus = false)]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public async Task F2_Report_IsNotLinkable_AndTheDataFolderIsOwnerOnly()
    {
        using var client = Client(_servers.Open);
        var input = Dicom(RadiographWithText(64, 64), creator: "ZZCANARY JOHN SMITH");
        using var response = await client.PostAsync("api/v1/anonymize?profile=basic", Raw(input, "application/dicom"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = await ReportAsync(client, response);
        var plain = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(input));
        Assert.False(report.TryGetProperty("inputSha256", out _));
        Assert.DoesNotContain(plain, report.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain("ZZCANARY", report.GetRawText(), StringComparison.Ordinal);
        foreach (var file in Directory.EnumerateFiles(_servers.Open.DataDirectory, "*", SearchOption.AllDirectories))
        {
            var bytes = Encoding.Latin1.GetString(await File.ReadAllBytesAsync(file));
            Assert.DoesNotContain("ZZCANARY", bytes, StringComparison.Ordinal);
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        }

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(_servers.Open.DataDirectory));
    }

    [ToolFact(RequiresCorpus = false)]
    public async Task F2_SearchByHash_IsLimitedToTheCreatingKey()
    {
        using var a = Client(_servers.Keyed, ProbeServers.Keys[0]);
        using var response = await a.PostAsync("api/v1/anonymize?profile=basic", Raw(Dicom(RadiographWithText(64, 64)), "application/dicom"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var sha = Assert.Single(response.Headers.GetValues("RadAnon-Output-SHA256"));
        using var b = Client(_servers.Keyed, ProbeServers.Keys[1]);
        using var admin = Client(_servers.Keyed, ProbeServers.AdminKey);
        Assert.Equal(1, (await JsonAsync(await a.GetAsync($"api/v1/reports?sha256={sha}"))).GetArrayLength());
        Assert.Equal(0, (await JsonAsync(await b.GetAsync($"api/v1/reports?sha256={sha}"))).GetArrayLength());
        Assert.Equal(1, (await JsonAsync(await admin.GetAsync($"api/v1/reports?sha256={sha}"))).GetArrayLength());
    }

    // Finding 3: rate limits that cannot be dodged.
    [ToolFact(RequiresCorpus = false)]
    public async Task F3_OpenMode_MadeUpKeys_ShareOneBucket()
    {
        using var client = Client(_servers.Limited);
        var statuses = new List<int>();
        var m = await ProbeServers.MeasureAsync(_servers.Limited, "3", "open-mode-12-junk-keys-limit-5", async () =>
        {
            for (var i = 0; i < 12; i++)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, "api/v1/profiles");
                request.Headers.Add("X-API-Key", $"junk{i}");
                using var r = await client.SendAsync(request);
                statuses.Add((int)r.StatusCode);
            }

            return (statuses[^1], Problems + "rate-limited");
        });
        _output.WriteLine(m + " " + string.Join(',', statuses));
        Assert.Equal(5, statuses.Count(s => s == 200));
        Assert.Equal(7, statuses.Count(s => s == 429));
    }

    [ToolFact(RequiresCorpus = false)]
    public async Task F3_KeyMode_FailedAuthentications_AreLimited()
    {
        // From 127.0.0.2: the failed-attempt limit is per client address, and the other tests come from 127.0.0.1.
        using var client = Client(_servers.Keyed, from: "127.0.0.2");
        var statuses = new List<int>();
        await ProbeServers.MeasureAsync(_servers.Keyed, "3", "key-mode-40-wrong-keys", async () =>
        {
            for (var i = 0; i < 40; i++)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, "api/v1/profiles");
                request.Headers.Add("X-API-Key", $"wrong{i}");
                using var r = await client.SendAsync(request);
                statuses.Add((int)r.StatusCode);
            }

            return (statuses[^1], Problems + "rate-limited");
        });
        Assert.Equal(10, statuses.Count(s => s == 401));
        Assert.Equal(30, statuses.Count(s => s == 429));

        // Locked out: even a valid key from that address waits; other addresses are not affected.
        using var locked = Client(_servers.Keyed, ProbeServers.Keys[2], from: "127.0.0.2");
        using var lockedResponse = await locked.GetAsync("api/v1/profiles");
        Assert.Equal(HttpStatusCode.TooManyRequests, lockedResponse.StatusCode);
    }

    // Finding 4: caller boxes.
    [ToolFact("tesseract", RequiresCorpus = false)]
    public async Task F4_256FullImageAddBoxes_StayWithinTheMemoryBound()
    {
        var png = SyntheticFiles.Png(RadiographGenerator.Generate(5, new GeneratorOptions { Width = 1400, Height = 1400, BitsStored = 8, MinTextLines = 1, MaxTextLines = 2 }).Image);
        var boxes = string.Join(',', Enumerable.Range(0, 256).Select(_ => "{\"x\":0,\"y\":0,\"width\":100000,\"height\":100000}"));
        using var client = Client(_servers.Open);
        using var form = Form(png, "image/png", "{\"redact\":\"fill\",\"regions\":{\"add\":[" + boxes + "]}}");
        var m = await ProbeServers.MeasureAsync(_servers.Open, "4", $"256-full-image-add-boxes-{png.Length / 1024}KiB-png", async () =>
        {
            using var r = await client.PostAsync("api/v1/anonymize", form);
            return ((int)r.StatusCode, null);
        });
        _output.WriteLine(m.ToString());
        Assert.Equal(200, m.Status);
        Assert.True(m.PeakGrowthBytes <= ProbeServers.PeakGrowthBound, m.ToString());
    }

    // Finding 5: /verify and the reader limits.
    [ToolFact(RequiresCorpus = false)]
    public async Task F5_VerifyOfADeflateBomb_IsRefused()
    {
        var bomb = HostileFiles.DicomDeflateBomb(300L * 1024 * 1024);
        using var client = Client(_servers.Open);
        var m = await ProbeServers.MeasureAsync(_servers.Open, "5", $"verify-deflate-bomb-{bomb.Length / 1024}KiB-to-300MiB", async () =>
        {
            using var r = await client.PostAsync("api/v1/verify", Raw(bomb, "application/dicom"));
            AssertSecurityHeaders(r);
            return ((int)r.StatusCode, await TypeAsync(r));
        });
        _output.WriteLine(m.ToString());
        Assert.Equal((422, "invalid-dicom"), (m.Status, m.ProblemType));
        Assert.True(m.PeakGrowthBytes <= ProbeServers.PeakGrowthBound, m.ToString());
    }

    // Findings 6 and 7: 500s and missing headers.
    [Theory]
    [MemberData(nameof(BrokenMultipart))]
    public async Task F6_BrokenMultipart_Is400WithTheSecurityHeaders(string name, string boundary, string body)
    {
        var m = await ProbeServers.MeasureAsync(_servers.Open, "6", "multipart-" + name, async () =>
        {
            var r = await RawHttp.SendAsync(_servers.Open.BaseAddress,
                RawHttp.Post(_servers.Open.BaseAddress, "/api/v1/anonymize", $"Content-Type: multipart/form-data; boundary={boundary}", $"Content-Length: {Encoding.Latin1.GetByteCount(body)}"),
                Encoding.Latin1.GetBytes(body));
            AssertSecurityHeaders(r);
            return (r.Status, r.ProblemType);
        });
        Assert.InRange(m.Status, 400, 499);
        Assert.Equal("invalid-options", m.ProblemType);
    }

    [Theory]
    [InlineData("\"1\"")]
    [InlineData("null")]
    [InlineData("true")]
    [InlineData("{}")]
    public async Task F6_RegionCoordinateOfTheWrongType_Is400(string value)
    {
        using var client = Client(_servers.Open);
        using var form = Form(SyntheticFiles.Png(RadiographWithText(64, 64)), "image/png", $"{{\"regions\":{{\"add\":[{{\"x\":{value},\"y\":0,\"width\":5,\"height\":5}}]}}}}");
        var m = await ProbeServers.MeasureAsync(_servers.Open, "6", "regions-x-" + value.Trim('"'), async () =>
        {
            using var r = await client.PostAsync("api/v1/anonymize", form);
            AssertSecurityHeaders(r);
            return ((int)r.StatusCode, await TypeAsync(r));
        });
        Assert.Equal((400, "invalid-options"), (m.Status, m.ProblemType));
    }

    [ToolFact(RequiresCorpus = false)]
    public async Task F6_ChunkedMultipartBatch_OverMaxBatchBytes_Is413()
    {
        var zip = new byte[ProbeServers.MaxBatchBytes + (1024 * 1024)];
        Random.Shared.NextBytes(zip);
        var head = "--B\r\nContent-Disposition: form-data; name=\"file\"; filename=\"b.zip\"\r\nContent-Type: application/zip\r\n\r\n"u8.ToArray();
        var body = Chunked([.. head, .. zip, .. "\r\n--B--\r\n"u8.ToArray()]);
        var m = await ProbeServers.MeasureAsync(_servers.Open, "6", "chunked-multipart-batch-over-MaxBatchBytes", async () =>
        {
            var r = await RawHttp.SendAsync(_servers.Open.BaseAddress,
                RawHttp.Post(_servers.Open.BaseAddress, "/api/v1/anonymize/batch", "Content-Type: multipart/form-data; boundary=B", "Transfer-Encoding: chunked"), body);
            AssertSecurityHeaders(r);
            return (r.Status, r.ProblemType);
        });
        Assert.Equal((413, "request-too-large"), (m.Status, m.ProblemType));
    }

    [ToolFact(RequiresCorpus = false)]
    public async Task F6_ChunkSizeLineOf17HexDigits_Is400()
    {
        var m = await ProbeServers.MeasureAsync(_servers.Open, "6", "chunk-size-fffffffffffffffff", async () =>
        {
            var r = await RawHttp.SendAsync(_servers.Open.BaseAddress,
                RawHttp.Post(_servers.Open.BaseAddress, "/api/v1/anonymize", "Content-Type: image/png", "Transfer-Encoding: chunked"),
                "fffffffffffffffff\r\nabc\r\n0\r\n\r\n"u8.ToArray());
            return (r.Status, r.ProblemType);
        });
        _output.WriteLine(m.ToString());
        Assert.Equal(400, m.Status);
    }

    [ToolFact(RequiresCorpus = false)]
    public async Task F7_EveryProblem_CarriesTheSecurityHeaders_AndEchoesNoMarkup()
    {
        using var client = Client(_servers.Open);
        var cases = new (string Name, Func<Task<HttpResponseMessage>> Send, int Status)[]
        {
            ("400-profile-markup", () => client.PostAsync("api/v1/anonymize?profile=%3Cscript%3Ealert(1)%3C%2Fscript%3E", Raw(SyntheticFiles.Png(RadiographWithText(32, 32)), "image/png")), 400),
            ("404-report", () => client.GetAsync("api/v1/reports/nosuch"), 404),
            ("404-route", () => client.GetAsync("api/v1/nothing"), 404),
            ("413-body", () => client.PostAsync("api/v1/anonymize", Raw(new byte[ProbeServers.MaxRequestBytes + 1], "application/dicom")), 413),
            ("415-text", () => client.PostAsync("api/v1/anonymize", Raw("hello"u8.ToArray(), "text/plain")), 415),
            ("422-dicom", () => client.PostAsync("api/v1/anonymize", Raw([.. new byte[128], .. "DICM"u8.ToArray(), 0x02, 0x00, 0x10, 0x00, (byte)'U', (byte)'I', 0xFF, 0x7F], "application/dicom")), 422),
        };
        foreach (var (name, send, status) in cases)
        {
            var m = await ProbeServers.MeasureAsync(_servers.Open, "7", name, async () =>
            {
                using var r = await send();
                AssertSecurityHeaders(r);
                var text = await r.Content.ReadAsStringAsync();
                Assert.DoesNotContain("<script", text, StringComparison.OrdinalIgnoreCase);
                return ((int)r.StatusCode, await TypeAsync(r));
            });
            Assert.Equal(status, m.Status);
            Assert.DoesNotContain("://", m.ProblemType, StringComparison.Ordinal); // one of our stable types
        }
    }

    // Finding 8: an overlapping-entry ZIP bomb, and small entries adding up to one.
    [ToolFact(RequiresCorpus = false)]
    public async Task F8_OverlappingEntryBomb_IsRefusedQuickly()
    {
        var zip = HostileZips.OverlappingEntries(2000, (1024 * 1024) - 1);
        var m = await ProbeServers.MeasureAsync(_servers.Open, "8", $"overlapping-entries-2000x1MiB-{zip.Length / 1024}KiB", () => PostRawAsync("api/v1/anonymize/batch", zip, "application/zip"));
        _output.WriteLine(m.ToString());
        Assert.Equal((422, "unsafe-archive"), (m.Status, m.ProblemType));
        Assert.True(m.Elapsed < TimeSpan.FromSeconds(10), m.ToString());
        Assert.True(m.PeakGrowthBytes <= ProbeServers.PeakGrowthBound, m.ToString());
    }

    [ToolFact(RequiresCorpus = false)]
    public async Task F8_ManySmallEntriesAddingUpToABomb_AreRefused()
    {
        var zip = HostileZips.ManySmallZeroEntries(200, 512 * 1024);
        var m = await ProbeServers.MeasureAsync(_servers.Open, "8", $"200x512KiB-zero-entries-{zip.Length / 1024}KiB", () => PostRawAsync("api/v1/anonymize/batch", zip, "application/zip"));
        Assert.Equal((422, "unsafe-archive"), (m.Status, m.ProblemType));
    }

    // Finding 9: names that do not unpack everywhere.
    [Theory]
    [InlineData("nfc-nfd", "caf\u00e9.png", "cafe\u0301.png")]
    [InlineData("file-and-folder", "scan.png", "scan.png/inner.png")]
    [InlineData("u202e", "ok.png", "evil\u202Egnp.png")]
    [InlineData("u2028", "ok.png", "two\u2028lines.png")]
    public async Task F9_UnportableNames_AreRefused(string name, string first, string second)
    {
        var m = await ProbeServers.MeasureAsync(_servers.Open, "9", name, () => PostRawAsync("api/v1/anonymize/batch", HostileZips.Named(first, second), "application/zip"));
        Assert.Equal((422, "unsafe-archive"), (m.Status, m.ProblemType));
    }

    // Finding 10: the auth scheme, held-open uploads and slow drips.
    [ToolFact(RequiresCorpus = false)]
    public async Task F10_LowerCaseBearer_IsAccepted()
    {
        using var client = Client(_servers.Keyed);
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/v1/profiles");
        request.Headers.TryAddWithoutValidation("Authorization", "bearer " + ProbeServers.Keys[2]);
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [ToolFact(RequiresCorpus = false)]
    public async Task F10_UploadsHeldOpen_PastTheBudget_Get503()
    {
        var server = _servers.Open;
        var declared = 40L * 1024 * 1024;
        var held = new List<System.Net.Sockets.TcpClient>();
        try
        {
            // Two uploads declaring 40 MiB each and sending 1 MiB, then waiting: 80 of the 96 MiB budget are claimed.
            for (var i = 0; i < 2; i++)
            {
                var tcp = new System.Net.Sockets.TcpClient();
                await tcp.ConnectAsync(server.BaseAddress.Host, server.BaseAddress.Port);
                var head = RawHttp.Post(server.BaseAddress, "/api/v1/anonymize", "Content-Type: application/dicom", $"Content-Length: {declared}").Replace("\n", "\r\n", StringComparison.Ordinal);
                await tcp.GetStream().WriteAsync(Encoding.ASCII.GetBytes(head));
                await tcp.GetStream().WriteAsync(new byte[1024 * 1024]);
                held.Add(tcp);
            }

            await Task.Delay(1000);
            var m = await ProbeServers.MeasureAsync(server, "10", "third-40MiB-upload-with-80MiB-held", () => PostRawAsync("api/v1/anonymize", new byte[declared], "application/dicom"));
            _output.WriteLine(m.ToString());
            Assert.Equal((503, "busy"), (m.Status, m.ProblemType));
        }
        finally
        {
            foreach (var tcp in held)
            {
                tcp.Dispose();
            }
        }
    }

    [ToolFact(RequiresCorpus = false)]
    public async Task F10_SlowDripUpload_IsCutOff()
    {
        var server = _servers.Open;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(server.BaseAddress.Host, server.BaseAddress.Port);
        var stream = tcp.GetStream();
        var head = RawHttp.Post(server.BaseAddress, "/api/v1/anonymize", "Content-Type: application/dicom", "Content-Length: 1048576").Replace("\n", "\r\n", StringComparison.Ordinal);
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        var cutOff = false;
        for (var i = 0; i < 60 && !cutOff; i++)
        {
            try
            {
                await stream.WriteAsync(new byte[16]);
                await Task.Delay(1000);
                cutOff = tcp.Client.Poll(0, System.Net.Sockets.SelectMode.SelectRead);
            }
            catch (IOException)
            {
                cutOff = true;
            }
        }

        _output.WriteLine($"slow drip of 16 B/s cut off after {clock.Elapsed.TotalSeconds:0} s");
        Assert.True(cutOff, "a 16 B/s body was still being read after a minute");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(45), $"cut off only after {clock.Elapsed}");
    }

    // Finding 10 (page) and finding 1 (page): a key field kept in sessionStorage, and a confirmation before an identifying veto.
    [ToolFact(E2EFixture.Chromium, "tesseract", RequiresCorpus = false)]
    public async Task F10_Page_KeyFieldInSessionStorage_AndVetoOfIdentifyingTextAsksFirst()
    {
        using var playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = E2EFixture.Chromium, Headless = true, Args = ["--no-sandbox", "--disable-gpu"] });
        var context = await browser.NewContextAsync(new() { BaseURL = _servers.Keyed.BaseAddress.ToString() });
        context.SetDefaultTimeout(60_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        await page.GetByLabel("API key").FillAsync(ProbeServers.AdminKey);
        await page.GetByLabel("API key").DispatchEventAsync("change");
        Assert.Equal(ProbeServers.AdminKey, await page.EvaluateAsync<string>("() => sessionStorage.getItem('radanon.apiKey')"));
        Assert.Equal(0, await page.EvaluateAsync<int>("() => localStorage.length"));

        var path = Path.Combine(Path.GetTempPath(), $"probe_{Guid.NewGuid():n}.png");
        await File.WriteAllBytesAsync(path, SyntheticFiles.Png(RadiographWithText(512, 600)));
        try
        {
            var analyzed = await page.RunAndWaitForResponseAsync(() => page.Locator("#file").SetInputFilesAsync(path),
                r => r.Url.EndsWith("/api/v1/analyze", StringComparison.Ordinal) && r.Request.Method == "POST");
            Assert.Equal(200, analyzed.Status);
            Assert.Equal(ProbeServers.AdminKey, await analyzed.Request.HeaderValueAsync("x-api-key"));
            var regions = JsonDocument.Parse(await analyzed.BodyAsync()).RootElement.GetProperty("regions").EnumerateArray().ToList();
            var index = regions.FindIndex(r => r.GetProperty("category").GetString() is "name" or "date" or "id" or "header-match" or "unreadable");
            Assert.True(index >= 0, "the synthetic name and date should be read as identifying, or not read at all");
            var keep = page.GetByRole(Microsoft.Playwright.AriaRole.Checkbox, new() { NameRegex = new System.Text.RegularExpressions.Regex($"^Keep region {index + 1}:") });

            string? asked = null;
            EventHandler<Microsoft.Playwright.IDialog> dismiss = async (_, dialog) =>
            {
                asked = dialog.Message;
                await dialog.DismissAsync();
            };
            page.Dialog += dismiss;
            await keep.ClickAsync();
            Assert.Contains("marked as containing text", asked, StringComparison.Ordinal);
            Assert.False(await keep.IsCheckedAsync());
            page.Dialog -= dismiss;
            page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
            await keep.ClickAsync();
            Assert.True(await keep.IsCheckedAsync());
        }
        finally
        {
            File.Delete(path);
        }
    }

    private async Task<(int Status, string? Type)> PostRawAsync(string path, byte[] body, string mediaType)
    {
        var response = await _servers.Open.PostAsync(path, body, mediaType);
        return (response.Status, response.ProblemType);
    }

    /// <summary>A client of the server, with a key, and from a given loopback address (Linux routes all of 127/8 to lo).</summary>
    private static HttpClient Client(RadAnonServer server, string? key = null, string from = "127.0.0.1")
    {
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
                try
                {
                    socket.Bind(new IPEndPoint(IPAddress.Parse(from), 0));
                    await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                    return new System.Net.Sockets.NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        var client = new HttpClient(handler) { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromMinutes(3) };
        if (key is not null)
        {
            client.DefaultRequestHeaders.Add("X-API-Key", key);
        }

        return client;
    }

    private static ByteArrayContent Raw(byte[] body, string mediaType)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        return content;
    }

    private static MultipartFormDataContent Form(byte[] file, string mediaType, string options)
    {
        var form = new MultipartFormDataContent { { Raw(file, mediaType), "file", "upload.bin" }, { new StringContent(options), "options" } };
        return form;
    }

    private static byte[] Chunked(byte[] body)
    {
        using var output = new MemoryStream();
        for (var at = 0; at < body.Length; at += 65536)
        {
            var size = Math.Min(65536, body.Length - at);
            output.Write(Encoding.ASCII.GetBytes(size.ToString("x", CultureInfo.InvariantCulture) + "\r\n"));
            output.Write(body, at, size);
            output.Write("\r\n"u8);
        }

        output.Write("0\r\n\r\n"u8);
        return output.ToArray();
    }

    private static GrayImage RadiographWithText(int width, int height)
    {
        var image = RadiographGenerator.Generate(11, new GeneratorOptions { Width = width, Height = height, BitsStored = 8, MinTextLines = 1, MaxTextLines = 1 }).Image;
        if (width >= 256)
        {
            SyntheticFiles.BurnText(image, "NOWAK" + Canary + " 19700101", 16, 20, 28, backing: false, antialiased: false);
        }

        return image;
    }

    private static byte[] Dicom(GrayImage image, string? creator = null)
    {
        var header = SyntheticHeaders.ComputedRadiography(Canary, "NOWAK" + Canary + "^ANNA", "ID" + Canary, "CHEST", "1.2.826.0.1.3680043.2.1125.97");
        if (creator is not null)
        {
            header.AddOrUpdate(new RadAnon.Dicom.Data.DicomTag(0x0011, 0x0010), RadAnon.Dicom.Data.DicomVR.LO, creator);
            header.AddOrUpdate(new RadAnon.Dicom.Data.DicomTag(0x0011, 0x1001), RadAnon.Dicom.Data.DicomVR.LO, "private value");
        }

        return SyntheticFiles.Dicom(image, header);
    }

    private static string? BurnedInAnnotation(byte[] dicom)
    {
        using var file = RadAnon.Dicom.DicomFile.Read(dicom);
        return file.Dataset.GetString(RadAnon.Dicom.DicomTags.BurnedInAnnotation);
    }

    private static async Task<JsonElement> ReportAsync(HttpClient client, HttpResponseMessage response)
    {
        var id = Assert.Single(response.Headers.GetValues("RadAnon-Report-Id"));
        return (await JsonAsync(await client.GetAsync($"api/v1/reports/{id}"))).GetProperty("report");
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        using (response)
        {
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
            return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
        }
    }

    private static async Task<string?> TypeAsync(HttpResponseMessage response) =>
        response.Content.Headers.ContentType?.MediaType == "application/problem+json"
            ? JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("type").GetString()
            : null;

    private static void AssertSecurityHeaders(HttpResponseMessage response)
    {
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.Contains("default-src 'none'", Assert.Single(response.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
    }

    private static void AssertSecurityHeaders(RawHttpResponse response)
    {
        Assert.Equal("nosniff", response.Header("X-Content-Type-Options"));
        Assert.Equal("DENY", response.Header("X-Frame-Options"));
        Assert.Equal("no-referrer", response.Header("Referrer-Policy"));
        Assert.Contains("default-src 'none'", response.Header("Content-Security-Policy") ?? string.Empty, StringComparison.Ordinal);
    }
}
