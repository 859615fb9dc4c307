using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using RadAnon.Api.Hosting;
using RadAnon.Api.Requests;
using RadAnon.Core.Provenance;
using RadAnon.Core.Provenance.Ledger;

namespace RadAnon.Api.Endpoints;

/// <summary>
/// POST /api/v1/verify: is this file byte-identical to an output in the ledger? If not, which report does its
/// embedded provenance marker name (the image was then changed after anonymisation, e.g. re-saved)?
/// </summary>
public static partial class VerifyEndpoints
{
    public static IEndpointRouteBuilder MapVerifyEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGroup("/api/v1/verify").WithTags("Verify")
            .MapPost("/", Verify)
            .WithName("Verify")
            .WithSummary("Check whether an image is an unmodified RadAnon output recorded in the ledger")
            .WithMetadata(new ImageBodyMetadata())
            .ProducesProblem(400).ProducesProblem(413).ProducesProblem(415);
        return routes;
    }

    private static async Task<JsonHttpResult<VerifyResult>> Verify(HttpContext context, ImageUploadReader reader, ILedger ledger, ILogger<ImageUploadReader> logger, CancellationToken cancellationToken)
    {
        var (content, _) = await reader.ReadContentAsync(context.Request, cancellationToken).ConfigureAwait(false);
        var sha = Convert.ToHexStringLower(SHA256.HashData(content));
        var matches = await ledger.FindByOutputAsync(sha, cancellationToken).ConfigureAwait(false);
        Log.Verified(logger, sha, matches.Count);
        if (matches.Count > 0)
        {
            return TypedResults.Json(new VerifyResult(sha, true, [.. matches.Select(m => m.Id)], null), ApiJson.Indented);
        }

        MarkerResult? marker = null;
        if (ProvenanceMarker.TryRead(content, out var text) && MarkerPattern().Match(text) is { Success: true } m)
        {
            var reportId = m.Groups["id"].Value;
            var entry = await ledger.GetAsync(reportId, cancellationToken).ConfigureAwait(false);
            marker = new MarkerResult(reportId, m.Groups["key"].Value, entry is not null);
        }

        return TypedResults.Json(new VerifyResult(sha, false, [], marker), ApiJson.Indented);
    }

    [GeneratedRegex(@"^radanon:(?<id>[0-9a-f]{32}):(?<key>[0-9a-f]{12})$")]
    private static partial Regex MarkerPattern();
}

/// <summary>The verify answer: the file's hash, whether the ledger holds it as an output, and its marker otherwise.</summary>
public sealed record VerifyResult(string Sha256, bool Match, string[] ReportIds, MarkerResult? Marker);

/// <summary>An embedded provenance marker: the report it names, the signing key's id, and whether the ledger knows that report.</summary>
public sealed record MarkerResult(string ReportId, string KeyId, bool KnownReport);
