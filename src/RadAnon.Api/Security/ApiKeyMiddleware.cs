using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using RadAnon.Api.Hosting;
using RadAnon.Api.Problems;
using RadAnon.Core.Provenance;

namespace RadAnon.Api.Security;

/// <summary>
/// When API keys are configured (as SHA-256 digests, never in clear), every /api request needs one in the
/// X-API-Key header or as a Bearer token (the scheme compared case-insensitively, RFC 9110 11.1). The page, health,
/// docs and metrics stay open. An accepted key is remembered on the request as a <see cref="ApiCaller"/>.
/// </summary>
public sealed class ApiKeyMiddleware
{
    public const string Header = "X-API-Key";

    private readonly RequestDelegate _next;
    private readonly HashSet<string> _digests;
    private readonly HashSet<string> _adminDigests;
    private readonly ReportKey _reportKey;
    private readonly PartitionedRateLimiter<string>? _failures;

    public ApiKeyMiddleware(RequestDelegate next, RadAnonSettings settings, ReportKey reportKey)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _next = next;
        _reportKey = reportKey;
        var perMinute = settings.Security.FailedAuthenticationsPerMinute;
        _failures = perMinute > 0
            ? PartitionedRateLimiter.Create<string, string>(address => RateLimitPartition.GetFixedWindowLimiter(address,
                _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }))
            : null;
        _adminDigests = new HashSet<string>(settings.Security.AdminKeySha256.Select(d => d.Trim().ToLowerInvariant()), StringComparer.Ordinal);
        _digests = new HashSet<string>(settings.Security.ApiKeySha256.Select(d => d.Trim().ToLowerInvariant()), StringComparer.Ordinal);
        _digests.UnionWith(_adminDigests);
    }

    /// <summary>The SHA-256 hex of a presented key, or null.</summary>
    public static string? PresentedKeyDigest(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        string? key = context.Request.Headers[Header];
        if (string.IsNullOrEmpty(key) && context.Request.Headers.Authorization.ToString() is { Length: > 7 } auth
            && auth.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            key = auth["Bearer ".Length..].Trim();
        }

        return string.IsNullOrEmpty(key) ? null : Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
    }

    public async Task InvokeAsync(HttpContext context, IProblemDetailsService problems)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (_digests.Count == 0 || !context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
        {
            await _next(context).ConfigureAwait(false);
            return;
        }

        // Failed attempts are limited per client address, before any key is looked at: guessing keys costs a 429.
        var address = "ip:" + context.Connection.RemoteIpAddress;
        if (_failures?.GetStatistics(address) is { CurrentAvailablePermits: <= 0 })
        {
            await ProblemMapper.WriteAsync(context, problems, ProblemTypes.RateLimited,
                "too many failed API-key attempts from this client; retry later", TimeSpan.FromSeconds(60)).ConfigureAwait(false);
            return;
        }

        var digest = PresentedKeyDigest(context);
        if (digest is null || !_digests.Contains(digest))
        {
            using var failure = _failures?.AttemptAcquire(address);
            context.Response.Headers.WWWAuthenticate = "Bearer realm=\"radanon\"";
            await ProblemMapper.WriteAsync(context, problems, ProblemTypes.Unauthorized,
                $"send a valid API key in the {Header} header or as 'Authorization: Bearer <key>'", null).ConfigureAwait(false);
            return;
        }

        // The ledger and the rate limiter see a keyed id of the key, never its digest.
        ApiCaller.Set(context, new ApiCaller(_reportKey.Label("api-key", digest), _adminDigests.Contains(digest)));
        await _next(context).ConfigureAwait(false);
    }
}

/// <summary>Who an authenticated request is: a keyed id of its API key (the ledger's owner) and whether the key is an admin key.</summary>
public sealed record ApiCaller(string Owner, bool IsAdmin)
{
    private const string ItemKey = "radanon.caller";

    /// <summary>Null in open mode (no keys configured) and before authentication.</summary>
    public static ApiCaller? Of(HttpContext context) => context?.Items[ItemKey] as ApiCaller;

    internal static void Set(HttpContext context, ApiCaller caller) => context.Items[ItemKey] = caller;
}
