using System.Net;
using System.Security.Cryptography;
using System.Text;
using RadAnon.Api.Problems;

namespace RadAnon.Api.Tests.Security;

/// <summary>
/// Issue 20 findings 3 and 10: each made-up X-API-Key got its own rate-limit bucket in open mode, failed
/// authentications were never limited, and a lower-case Bearer scheme was refused.
/// </summary>
public sealed class RateLimitAndAuthTests
{
    [Fact]
    public async Task OpenMode_MadeUpKeys_ShareTheClientsBucket()
    {
        using var factory = new RadAnonFactory(new Dictionary<string, string?> { ["RadAnon:Security:RequestsPerMinute"] = "5" });
        using var client = factory.CreateClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 8; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/profiles");
            request.Headers.Add("X-API-Key", $"junk{i}");
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", $"other{i}");
            using var response = await client.SendAsync(request);
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                await Http.AssertProblemAsync(response, 429, ProblemTypes.RateLimited);
                MalformedRequestTests.AssertSecurityHeaders(response);
            }
        }

        Assert.Equal(5, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(3, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
    }

    [Fact]
    public async Task KeyMode_FailedAuthentications_AreLimitedPerClient()
    {
        using var factory = new RadAnonFactory(new Dictionary<string, string?>
        {
            ["RadAnon:Security:ApiKeySha256:0"] = Digest("right"),
            ["RadAnon:Security:FailedAuthenticationsPerMinute"] = "10",
        });
        using var client = factory.CreateClient();
        var statuses = new List<int>();
        for (var i = 0; i < 40; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/profiles");
            request.Headers.Add("X-API-Key", $"wrong{i}");
            using var response = await client.SendAsync(request);
            statuses.Add((int)response.StatusCode);
        }

        Assert.Equal(10, statuses.Count(s => s == 401));
        Assert.Equal(30, statuses.Count(s => s == 429));
    }

    [Fact]
    public async Task KeyMode_PartitionIsTheAuthenticatedKey()
    {
        using var factory = new RadAnonFactory(new Dictionary<string, string?>
        {
            ["RadAnon:Security:ApiKeySha256:0"] = Digest("right"),
            ["RadAnon:Security:RequestsPerMinute"] = "3",
        });
        using var client = factory.CreateClient();
        var statuses = new List<int>();
        foreach (var scheme in new[] { "Bearer", "bearer", "BEARER", "Bearer", "bEaReR" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/profiles");
            request.Headers.TryAddWithoutValidation("Authorization", $"{scheme} right");
            using var response = await client.SendAsync(request);
            statuses.Add((int)response.StatusCode);
        }

        Assert.Equal([200, 200, 200, 429, 429], statuses);
    }

    [Theory]
    [InlineData("bearer")]
    [InlineData("BEARER")]
    public async Task AuthScheme_IsCaseInsensitive(string scheme)
    {
        using var factory = new RadAnonFactory(new Dictionary<string, string?> { ["RadAnon:Security:ApiKeySha256:0"] = Digest("right") });
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/profiles");
        request.Headers.TryAddWithoutValidation("Authorization", $"{scheme} right");
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static string Digest(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
