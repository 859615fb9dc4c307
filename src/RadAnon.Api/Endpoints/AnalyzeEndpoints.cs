using Microsoft.AspNetCore.Http.HttpResults;
using RadAnon.Api.Hosting;
using RadAnon.Api.Requests;

namespace RadAnon.Api.Endpoints;

/// <summary>POST /api/v1/analyze: what would be removed, and a preview of the input for the page. Nothing is stored.</summary>
public static class AnalyzeEndpoints
{
    public static IEndpointRouteBuilder MapAnalyzeEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGroup("/api/v1/analyze").WithTags("Analyze")
            .MapPost("/", Analyze)
            .WithName("Analyze")
            .WithSummary("Detect header actions and burned-in text regions without producing an output")
            .WithMetadata(new ImageBodyMetadata())
            .ProducesProblem(400).ProducesProblem(413).ProducesProblem(415).ProducesProblem(422).ProducesProblem(503);
        return routes;
    }

    private static async Task<JsonHttpResult<Core.AnalysisResult>> Analyze(HttpContext context, ImageUploadReader reader, AnonymizationService service, CancellationToken cancellationToken)
    {
        var upload = await reader.ReadAsync(context.Request, cancellationToken).ConfigureAwait(false);
        var analysis = await service.AnalyzeAsync(upload, cancellationToken).ConfigureAwait(false);
        context.Response.Headers.CacheControl = "no-store";
        return TypedResults.Json(analysis, ApiJson.Indented);
    }
}
