using RadAnon.Api.Problems;

namespace RadAnon.Api.Tests.Security;

/// <summary>
/// Issue 20 findings 8 and 9: an overlapping-entry ZIP bomb (2,000 records, one local entry of 1 MiB - 1 zeros: 110 KB
/// in, 2 GiB inflated, 200 after 6.8 s), small entries adding up to a bomb, and names that do not unpack everywhere.
/// </summary>
public sealed class BatchArchiveTests : IClassFixture<RadAnonFactoryFixture>
{
    private readonly RadAnonFactory _factory;

    public BatchArchiveTests(RadAnonFactoryFixture fixture)
    {
        _factory = fixture.Factory;
    }

    [Fact]
    public async Task OverlappingEntries_AreRefusedAsUnsafe()
    {
        var zip = HostileZips.OverlappingEntries(2000, (1024 * 1024) - 1);
        Assert.InRange(zip.Length, 1, 200 * 1024);
        var problem = await PostAsync(zip, 422, ProblemTypes.UnsafeArchive);
        Assert.Contains("overlap", problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ManySmallEntries_AddingUpToABomb_AreRefusedByTheTotalRatio()
    {
        var zip = HostileZips.ManySmallZeroEntries(200, 512 * 1024);
        var problem = await PostAsync(zip, 422, ProblemTypes.UnsafeArchive);
        Assert.Contains("in total", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("caf\u00e9.png", "cafe\u0301.png", "composed form")]
    [InlineData("scan.png", "scan.png/inner.png", "both a file and a folder")]
    [InlineData("scan.png/inner.png", "SCAN.PNG", "both a file and a folder")]
    [InlineData("ok.png", "evil\u202Egnp.exe", "bidirectional")]
    [InlineData("ok.png", "two\u2028lines.png", "line-separator")]
    [InlineData("ok.png", "hidden\u2066x.png", "bidirectional")]
    public async Task UnportableNames_AreRefusedNamingTheRule(string first, string second, string rule)
    {
        var problem = await PostAsync(HostileZips.Named(first, second), 422, ProblemTypes.UnsafeArchive);
        Assert.Contains(rule, problem, StringComparison.Ordinal);
        Assert.DoesNotContain("scan", problem, StringComparison.Ordinal);
    }

    private async Task<string> PostAsync(byte[] zip, int status, string type)
    {
        using var client = _factory.CreateClient();
        using var response = await client.PostAsync("/api/v1/anonymize/batch", TestZips.Raw(zip));
        var problem = await Http.AssertProblemAsync(response, status, type);
        MalformedRequestTests.AssertSecurityHeaders(response);
        return problem.GetProperty("detail").GetString()!;
    }
}
