using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace RadAnon.Api.Security;

/// <summary>
/// CSP source expressions ('sha256-…') for the inline scripts of an HTML page, so a page we do not write ourselves
/// (Scalar's API reference, whose bootstrap is an inline module) runs under a policy that still forbids any other
/// inline script rather than under no policy at all.
/// </summary>
public static partial class InlineScriptHashes
{
    public static IReadOnlyList<string> Of(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        return [.. InlineScript().Matches(html)
            .Select(m => "'sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(m.Groups["body"].Value))) + "'")
            .Distinct(StringComparer.Ordinal)];
    }

    /// <summary>A script element without a src attribute; its body exactly as the browser hashes it.</summary>
    [GeneratedRegex(@"<script(?![^>]*\bsrc\s*=)[^>]*>(?<body>.*?)</script>", RegexOptions.Singleline | RegexOptions.IgnoreCase, matchTimeoutMilliseconds: 1000)]
    private static partial Regex InlineScript();
}
