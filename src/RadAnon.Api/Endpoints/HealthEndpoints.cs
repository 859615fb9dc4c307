using Microsoft.AspNetCore.Http.HttpResults;
using RadAnon.Core.Ocr;
using RadAnon.Core.Pixels.Text.Learned;
using RadAnon.Core.Provenance.Ledger;

namespace RadAnon.Api.Endpoints;

/// <summary>/health/live (the process answers) and /health/ready (Tesseract and the text model loaded, the ledger reachable).</summary>
public static class HealthEndpoints
{
    private const string Unavailable = "unavailable";

    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/health").WithTags("Health");
        group.MapGet("/live", () => TypedResults.Ok(new HealthStatus("live", null, null, null))).WithName("Live");
        group.MapGet("/ready", Ready).WithName("Ready");
        return routes;
    }

    private static async Task<Results<Ok<HealthStatus>, JsonHttpResult<HealthStatus>>> Ready(IOcr ocr, LazyTextDetector textModel, ILedger ledger, CancellationToken cancellationToken)
    {
        var ocrVersion = OcrVersion(ocr);
        var model = TextModel(textModel);
        var ledgerOk = await ledger.PingAsync(cancellationToken).ConfigureAwait(false);
        var ready = ocrVersion != Unavailable && model != Unavailable && ledgerOk;
        var status = new HealthStatus(ready ? "ready" : "not-ready", ocrVersion, ledgerOk ? ledger.Provider : "unreachable", model);
        return ready ? TypedResults.Ok(status) : TypedResults.Json(status, statusCode: StatusCodes.Status503ServiceUnavailable);
    }

    private static string OcrVersion(IOcr ocr)
    {
        try
        {
            return ocr.Version;
        }
        catch (OcrUnavailableException)
        {
            return Unavailable;
        }
    }

    private static string TextModel(LazyTextDetector detector)
    {
        try
        {
            return detector.ModelId;
        }
        catch (TextModelUnavailableException)
        {
            return Unavailable;
        }
    }
}

public sealed record HealthStatus(string Status, string? Ocr, string? Ledger, string? TextModel);
