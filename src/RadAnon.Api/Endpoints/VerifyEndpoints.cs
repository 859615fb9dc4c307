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
            .ProducesProblem(400).ProducesProblem(413).ProducesProblem(415).ProducesProblem(422).ProducesProblem(503);
        return routes;
    }

    /// <summary>
    /// The body is read under the same limits as an image to anonymize, must be DICOM, PNG or JPEG (415 otherwise), and its
    /// marker is read on a pixel worker under the DICOM reader's limits (a deflate bomb is 422 here as everywhere).
    /// </summary>
    private static async Task<JsonHttpResult<VerifyResult>> Verify(HttpContext context, ImageUploadReader reader, ILedger ledger, PixelJobGate gate,
        LimitSettings limits, ILogger<ImageUploadReader> logger, CancellationToken cancellationToken)
    {
        var (content, _) = await reader.ReadContentAsync(context.Request, cancellationToken).ConfigureAwait(false);
        ImageUploadReader.Sniff(content);
        var sha = Convert.ToHexStringLower(SHA256.HashData(content));
        var matches = await ledger.FindByOutputAsync(sha, cancellationToken).ConfigureAwait(false);
        Log.Verified(logger, sha, matches.Count);
        if (matches.Count > 0)
        {
            return TypedResults.Json(new VerifyResult(sha, true, [.. matches.Select(m => m.Id)], null), ApiJson.Indented);
        }

        MarkerResult? marker = null;
        var reading = limits.ToAnonymizerLimits().Reading;
        var text = await gate.RunAsync(() => ProvenanceMarker.TryRead(content, reading, out var found) ? found : null, cancellationToken).ConfigureAwait(false);
        if (text is not null && MarkerPattern().Match(text) is { Success: true } m)
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
