using Microsoft.AspNetCore.Http.HttpResults;
using RadAnon.Core.Ocr;
using RadAnon.Core.Provenance.Ledger;

namespace RadAnon.Api.Endpoints;

/// <summary>/health/live (the process answers) and /health/ready (Tesseract loaded and the ledger reachable).</summary>
public static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/health").WithTags("Health");
        group.MapGet("/live", () => TypedResults.Ok(new HealthStatus("live", null, null))).WithName("Live");
        group.MapGet("/ready", Ready).WithName("Ready");
        return routes;
    }

    private static async Task<Results<Ok<HealthStatus>, JsonHttpResult<HealthStatus>>> Ready(IServiceProvider services, ILedger ledger, CancellationToken cancellationToken)
    {
        string ocr;
        try
        {
            ocr = services.GetRequiredService<IOcr>().Version;
        }
        catch (OcrUnavailableException)
        {
            ocr = "unavailable";
        }

        var ledgerOk = await ledger.PingAsync(cancellationToken).ConfigureAwait(false);
        var status = new HealthStatus(ocr != "unavailable" && ledgerOk ? "ready" : "not-ready", ocr, ledgerOk ? ledger.Provider : "unreachable");
        return status.Status == "ready"
            ? TypedResults.Ok(status)
            : TypedResults.Json(status, statusCode: StatusCodes.Status503ServiceUnavailable);
    }
}

public sealed record HealthStatus(string Status, string? Ocr, string? Ledger);
