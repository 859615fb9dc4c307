using System.Net;
using RadAnon.TestSupport;

namespace RadAnon.E2E.Tests;

/// <summary>
/// What docker-compose.yml and deploy/k8s set for running behind nginx, checked on the real server: with
/// ASPNETCORE_FORWARDEDHEADERS_ENABLED the per-client rate limit follows X-Forwarded-For (the client nginx saw),
/// not the proxy's own address, which every user would otherwise share.
/// </summary>
public sealed class ProxySettingsTests
{
    [ToolFact("tesseract", RequiresCorpus = false)]
    public async Task BehindTheProxy_RateLimitIsPerForwardedClient_NotPerProxy()
    {
        await using var server = await RadAnonServer.StartAsync(
            new Dictionary<string, string> { ["ASPNETCORE_FORWARDEDHEADERS_ENABLED"] = "true" },
            "--RadAnon:Security:RequestsPerMinute", "2");
        using var client = new HttpClient { BaseAddress = server.BaseAddress };

        async Task<HttpStatusCode> Get(string forwardedFor)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "api/v1/profiles");
            request.Headers.Add("X-Forwarded-For", forwardedFor);
            using var response = await client.SendAsync(request);
            return response.StatusCode;
        }

        // Three clients through one proxy connection address: each has its own two requests per minute.
        Assert.Equal(HttpStatusCode.OK, await Get("198.51.100.1"));
        Assert.Equal(HttpStatusCode.OK, await Get("198.51.100.2"));
        Assert.Equal(HttpStatusCode.OK, await Get("198.51.100.3"));
        Assert.Equal(HttpStatusCode.OK, await Get("198.51.100.1"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await Get("198.51.100.1"));
    }
}
