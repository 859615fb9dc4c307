using System.Security.Cryptography;
using System.Text;
using RadAnon.Api.Hosting;
using RadAnon.Api.Problems;

namespace RadAnon.Api.Security;

/// <summary>
/// When API keys are configured (as SHA-256 digests, never in clear), every /api request needs one in the
/// X-API-Key header or as a Bearer token. The page, health, docs and metrics stay open.
/// </summary>
public sealed class ApiKeyMiddleware
{
    public const string Header = "X-API-Key";

    private readonly RequestDelegate _next;
    private readonly HashSet<string> _digests;

    public ApiKeyMiddleware(RequestDelegate next, RadAnonSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _next = next;
        _digests = new HashSet<string>(settings.Security.ApiKeySha256.Select(d => d.Trim().ToLowerInvariant()), StringComparer.Ordinal);
    }

    /// <summary>The SHA-256 hex of a presented key, or null: also the partition key of the rate limiter.</summary>
    public static string? PresentedKeyDigest(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        string? key = context.Request.Headers[Header];
        if (string.IsNullOrEmpty(key) && context.Request.Headers.Authorization.ToString() is { } auth && auth.StartsWith("Bearer ", StringComparison.Ordinal))
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

        var digest = PresentedKeyDigest(context);
        if (digest is null || !_digests.Contains(digest))
        {
            context.Response.Headers.WWWAuthenticate = "Bearer realm=\"radanon\"";
            await ProblemMapper.WriteAsync(context, problems, ProblemTypes.Unauthorized,
                $"send a valid API key in the {Header} header or as 'Authorization: Bearer <key>'", null).ConfigureAwait(false);
            return;
        }

        await _next(context).ConfigureAwait(false);
    }
}
