namespace RadAnon.Api.Security;

/// <summary>
/// Conservative headers on every response (problems from the exception handler included: this runs outside it), and a strict Content-Security-Policy for the page: scripts, styles
/// and connections only from this origin; images also from data:/blob: for the in-browser preview. The API
/// reference (Scalar) gets the same policy plus the hashes of its own inline bootstrap and inline styles, which
/// its bundle injects at run time; it is the only place a style attribute is allowed.
/// </summary>
public sealed class SecurityHeadersMiddleware
{
    private const string PageCsp = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; "
        + "font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private const string ScalarCsp = "default-src 'none'; script-src 'self' {0}; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
        + "connect-src 'self'; font-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>Scalar's HTML pages are a few hundred bytes; anything larger is not one of them and is not buffered.</summary>
    private const int MaxBufferedPage = 64 * 1024;

    private readonly RequestDelegate _next;

    public SecurityHeadersMiddleware(RequestDelegate next)
    {
        _next = next;
    }

    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);

        // Set when the response starts, not now: the exception handler clears every header before it writes its problem,
        // and the status-code pages and the rate limiter write their own; all of them go out with these headers.
        context.Response.OnStarting(static state => Apply((HttpContext)state), context);
        if (IsScalarPage(context.Request.Path))
        {
            await ServeWithScriptHashesAsync(context).ConfigureAwait(false);
        }
        else
        {
            await _next(context).ConfigureAwait(false);
        }
    }

    /// <summary>The conservative headers; a policy already chosen for the response (the Scalar page's) is kept.</summary>
    private static Task Apply(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
        if (string.IsNullOrEmpty(headers.ContentSecurityPolicy))
        {
            headers.ContentSecurityPolicy = PageCsp;
        }

        if (context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
        {
            headers.CacheControl = "no-store";
        }

        return Task.CompletedTask;
    }

    /// <summary>/scalar and /scalar/{document}: the HTML routes, not the bundle's files (which have extensions).</summary>
    private static bool IsScalarPage(PathString path) =>
        path.StartsWithSegments("/scalar", StringComparison.OrdinalIgnoreCase, out var rest) && !Path.HasExtension(rest.Value);

    /// <summary>Buffers the small HTML page so its inline scripts can be hashed into the policy before headers go out.</summary>
    private async Task ServeWithScriptHashesAsync(HttpContext context)
    {
        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await _next(context).ConfigureAwait(false);
        }
        finally
        {
            context.Response.Body = original;
        }

        if (buffer.Length <= MaxBufferedPage && context.Response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) == true)
        {
            var hashes = InlineScriptHashes.Of(System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
            context.Response.Headers.ContentSecurityPolicy = string.Format(System.Globalization.CultureInfo.InvariantCulture, ScalarCsp, string.Join(' ', hashes));
        }

        buffer.Position = 0;
        await buffer.CopyToAsync(original, context.RequestAborted).ConfigureAwait(false);
    }
}
