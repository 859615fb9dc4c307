using RadAnon.Api.Hosting;
using RadAnon.Api.Problems;

namespace RadAnon.Api.Tests.Security;

/// <summary>
/// Issue 20 finding 10: bodies are buffered before the pixel queue with no overall cap, so many large uploads held open
/// at once could take any amount of memory. One budget now bounds them all (503 + Retry-After past it).
/// </summary>
public sealed class UploadBudgetTests : IClassFixture<UploadBudgetTests.SmallBudgetFixture>
{
    private const int Budget = 100 * 1024;

    private readonly RadAnonFactory _factory;

    public UploadBudgetTests(SmallBudgetFixture fixture)
    {
        _factory = fixture.Factory;
    }

    [Fact]
    public void Leases_ShareOneBudget_AndGiveItBackWhenTheRequestEnds()
    {
        var budget = new UploadBudget(Budget);
        var first = new Microsoft.AspNetCore.Http.DefaultHttpContext();
        var second = new Microsoft.AspNetCore.Http.DefaultHttpContext();
        var held = budget.Open(first);
        held.Grow(70 * 1024);
        var next = budget.Open(second);

        var refused = Assert.Throws<ApiProblemException>(() => next.Grow(60 * 1024));
        Assert.Equal(ProblemTypes.Busy, refused.Type);
        Assert.NotNull(refused.RetryAfter);
        next.Grow(30 * 1024);
        Assert.Equal(Budget, budget.Used);

        held.Dispose();
        next.Grow(60 * 1024);
        Assert.Equal(60 * 1024, budget.Used);
        next.Dispose();
        Assert.Equal(0, budget.Used);
    }

    [Fact]
    public async Task AChunkedBodyGrowingPastTheBudget_Is503()
    {
        using var client = _factory.CreateClient();
        var content = new StreamContent(new UnseekableStream(new byte[Budget + 4096]));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("image/png");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/anonymize") { Content = content };
        request.Headers.TransferEncodingChunked = true;
        using var response = await client.SendAsync(request);
        await Http.AssertProblemAsync(response, 503, ProblemTypes.Busy);
        MalformedRequestTests.AssertSecurityHeaders(response);
        var budget = (UploadBudget)_factory.Services.GetService(typeof(UploadBudget))!;
        Assert.Equal(0, budget.Used);
    }

    [Fact]
    public async Task ABodyDeclaringMoreThanTheBudget_Is503BeforeItIsRead()
    {
        using var client = _factory.CreateClient();
        using var response = await client.PostAsync("/api/v1/anonymize", Http.Raw(new byte[Budget + 1], "image/png"));
        await Http.AssertProblemAsync(response, 503, ProblemTypes.Busy);
    }

    private sealed class UnseekableStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }

    /// <summary>A server whose upload budget is 100 KiB.</summary>
    public sealed class SmallBudgetFixture : IDisposable
    {
        public RadAnonFactory Factory { get; } = new(new Dictionary<string, string?>
        {
            ["RadAnon:Limits:MaxBufferedUploadBytes"] = Budget.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });

        public void Dispose() => Factory.Dispose();
    }
}
