using System.Net.Http.Headers;
using System.Text;
using RadAnon.Api.Problems;

namespace RadAnon.Api.Tests.Security;

/// <summary>
/// Issue 20 findings 6 and 7: parser failures that gave 500, and problems sent without the security headers (and
/// echoing input). Every case here is a 4xx problem with a stable type and the full set of headers.
/// </summary>
public sealed class MalformedRequestTests : IClassFixture<SmallBatchFactoryFixture>
{
    private readonly RadAnonFactory _factory;

    public MalformedRequestTests(SmallBatchFactoryFixture fixture)
    {
        _factory = fixture.Factory;
    }

    public static TheoryData<string, string> BrokenMultipart => new()
    {
        { "boundary never appears", "just some bytes with no boundary in them at all" },
        { "no closing boundary", "--XYZ\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\n\u0089PNG half a file" },
        { "17 section headers", "--XYZ\r\n" + string.Concat(Enumerable.Range(0, 17).Select(i => $"X-H{i}: v\r\n")) + "Content-Disposition: form-data; name=\"file\"\r\n\r\nabc\r\n--XYZ--\r\n" },
        { "20 KB header", "--XYZ\r\nContent-Disposition: form-data; name=\"file\"\r\nX-Big: " + new string('a', 20 * 1024) + "\r\n\r\nabc\r\n--XYZ--\r\n" },
    };

    [Theory]
    [MemberData(nameof(BrokenMultipart))]
    public async Task BrokenMultipart_Is400_WithSecurityHeaders(string name, string body)
    {
        using var client = _factory.CreateClient();
        foreach (var path in new[] { "/api/v1/anonymize", "/api/v1/analyze", "/api/v1/verify", "/api/v1/anonymize/batch" })
        {
            using var response = await client.PostAsync(path, Multipart(body, "XYZ"));
            await Http.AssertProblemAsync(response, 400, ProblemTypes.InvalidOptions);
            AssertSecurityHeaders(response);
            Assert.True(name.Length > 0);
        }
    }

    [Fact]
    public async Task QuotedBoundaryWithAnEscapedQuote_Is4xx()
    {
        using var client = _factory.CreateClient();
        var content = new ByteArrayContent(Encoding.ASCII.GetBytes("--a\"b\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nabc\r\n--a\"b--\r\n"));
        content.Headers.TryAddWithoutValidation("Content-Type", "multipart/form-data; boundary=\"a\\\"b\"");
        using var response = await client.PostAsync("/api/v1/anonymize", content);
        Assert.InRange((int)response.StatusCode, 400, 499);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        AssertSecurityHeaders(response);
    }

    [Theory]
    [InlineData("\"1\"")]
    [InlineData("null")]
    [InlineData("true")]
    [InlineData("{}")]
    [InlineData("1.5")]
    [InlineData("99999999999")]
    public async Task RegionCoordinateOfTheWrongJsonType_Is400(string value)
    {
        using var client = _factory.CreateClient();
        var options = $"{{\"regions\":{{\"add\":[{{\"x\":{value},\"y\":0,\"width\":5,\"height\":5}}]}}}}";
        using var response = await client.PostAsync("/api/v1/anonymize", Http.Form(TestImages.Png(TestImages.Radiograph(32, 32)), "image/png", options));
        await Http.AssertProblemAsync(response, 400, ProblemTypes.InvalidOptions);
        AssertSecurityHeaders(response);
    }

    [Fact]
    public async Task ChunkedMultipartBatch_OverMaxBatchBytes_Is413()
    {
        using var client = _factory.CreateClient();
        var zip = new byte[SmallBatchFactoryFixture.MaxBatchBytes + 4096];
        Random.Shared.NextBytes(zip);
        var form = new MultipartFormDataContent();
        var file = new StreamContent(new UnknownLengthStream(zip));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/zip");
        form.Add(file, "file", "batch.zip");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/anonymize/batch") { Content = form };
        request.Headers.TransferEncodingChunked = true;
        using var response = await client.SendAsync(request);
        await Http.AssertProblemAsync(response, 413, ProblemTypes.RequestTooLarge);
        AssertSecurityHeaders(response);
    }

    [Fact]
    public async Task ProfileWithMarkup_IsNotEchoed()
    {
        using var client = _factory.CreateClient();
        using var response = await client.PostAsync("/api/v1/anonymize?profile=%3Cscript%3Ealert(1)%3C%2Fscript%3E" + new string('x', 200),
            Http.Raw(TestImages.Png(TestImages.Radiograph(32, 32)), "image/png"));
        var problem = await Http.AssertProblemAsync(response, 400, ProblemTypes.InvalidOptions);
        var detail = problem.GetProperty("detail").GetString()!;
        Assert.DoesNotContain("<", detail, StringComparison.Ordinal);
        Assert.DoesNotContain(new string('x', 41), detail, StringComparison.Ordinal);
        AssertSecurityHeaders(response);
    }

    [Theory]
    [InlineData("/api/v1/reports/nosuch", 404)]
    [InlineData("/api/v1/nothing-here", 404)]
    public async Task GetProblems_CarryTheSecurityHeaders(string path, int status)
    {
        using var client = _factory.CreateClient();
        using var response = await client.GetAsync(path);
        await Http.AssertProblemAsync(response, status, ProblemTypes.NotFound);
        AssertSecurityHeaders(response);
    }

    [Theory]
    [InlineData("text/plain", 415)]
    [InlineData("image/png", 415)]
    public async Task PostProblems_CarryTheSecurityHeaders(string mediaType, int status)
    {
        using var client = _factory.CreateClient();
        using var response = await client.PostAsync("/api/v1/anonymize", Http.Raw(Encoding.ASCII.GetBytes("not an image"), mediaType));
        Assert.Equal(status, (int)response.StatusCode);
        AssertSecurityHeaders(response);
    }

    [Fact]
    public async Task MalformedDicom422_CarriesTheSecurityHeaders()
    {
        using var client = _factory.CreateClient();
        var bytes = new byte[128].Concat("DICM"u8.ToArray()).Concat(new byte[] { 0x02, 0x00, 0x10, 0x00, (byte)'U', (byte)'I', 0xFF, 0x7F }).ToArray();
        using var response = await client.PostAsync("/api/v1/anonymize", Http.Raw(bytes, "application/dicom"));
        await Http.AssertProblemAsync(response, 422, ProblemTypes.InvalidDicom);
        AssertSecurityHeaders(response);
    }

    internal static void AssertSecurityHeaders(HttpResponseMessage response)
    {
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.Contains("default-src 'none'", Assert.Single(response.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
    }

    private static ByteArrayContent Multipart(string body, string boundary)
    {
        var content = new ByteArrayContent(Encoding.Latin1.GetBytes(body));
        content.Headers.TryAddWithoutValidation("Content-Type", $"multipart/form-data; boundary={boundary}");
        return content;
    }

    /// <summary>A body whose length is not known up front, so it goes out chunked with no Content-Length.</summary>
    private sealed class UnknownLengthStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}

/// <summary>A server whose batch limit is small enough to pass in a test.</summary>
public sealed class SmallBatchFactoryFixture : IDisposable
{
    public const int MaxBatchBytes = 256 * 1024;

    public RadAnonFactory Factory { get; } = new(new Dictionary<string, string?>
    {
        ["RadAnon:Limits:MaxBatchBytes"] = MaxBatchBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
    });

    public void Dispose() => Factory.Dispose();
}
