using Microsoft.AspNetCore.Http.HttpResults;
using RadAnon.Api.Problems;
using RadAnon.Api.Security;
using RadAnon.Core.Provenance.Ledger;

namespace RadAnon.Api.Endpoints;

/// <summary>GET /api/v1/reports/{id} and /api/v1/reports?sha256=: reports recorded in the ledger.</summary>
public static class ReportEndpoints
{
    public static IEndpointRouteBuilder MapReportEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/reports").WithTags("Reports");
        group.MapGet("/{id}", GetById).WithName("GetReport").WithSummary("One report with its ledger entry and signature").ProducesProblem(404);
        group.MapGet("/", FindByOutput).WithName("FindReports").WithSummary("Reports whose output has the given SHA-256").ProducesProblem(400);
        return routes;
    }

    private static async Task<JsonHttpResult<ReportEnvelope>> GetById(string id, ILedger ledger, CancellationToken cancellationToken)
    {
        if (id.Length > 64 || !id.All(char.IsAsciiLetterOrDigit))
        {
            throw new ApiProblemException(ProblemTypes.NotFound, "no report has that id");
        }

        var entry = await ledger.GetAsync(id, cancellationToken).ConfigureAwait(false)
            ?? throw new ApiProblemException(ProblemTypes.NotFound, "no report has that id");
        return TypedResults.Json(ReportEnvelope.From(entry), ApiJson.Indented);
    }

    /// <summary>
    /// Search by hash answers for the caller's own reports: in key mode a key finds the entries it created and an admin key
    /// finds all; open mode is single-user and finds all. A report by id stays readable by any caller (it links nothing).
    /// </summary>
    private static async Task<JsonHttpResult<ReportEnvelope[]>> FindByOutput(HttpContext context, string? sha256, ILedger ledger, CancellationToken cancellationToken)
    {
        if (sha256 is null || sha256.Length != 64 || !sha256.All(char.IsAsciiHexDigit))
        {
            throw new ApiProblemException(ProblemTypes.InvalidOptions, "sha256 must be the 64 hex digits of an output's SHA-256");
        }

        var entries = ApiCaller.Of(context) is { IsAdmin: false } caller
            ? await ledger.FindByOutputAsync(sha256, caller.Owner, cancellationToken).ConfigureAwait(false)
            : await ledger.FindByOutputAsync(sha256, cancellationToken).ConfigureAwait(false);
        return TypedResults.Json(entries.Select(ReportEnvelope.From).ToArray(), ApiJson.Indented);
    }
}
