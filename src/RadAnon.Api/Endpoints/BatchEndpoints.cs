using System.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;
using RadAnon.Api.Hosting;
using RadAnon.Api.Requests;

namespace RadAnon.Api.Endpoints;

/// <summary>POST /api/v1/anonymize/batch: a ZIP of images in, a ZIP of outputs, reports, failures.json and summary.json out.</summary>
public static class BatchEndpoints
{
    public static IEndpointRouteBuilder MapBatchEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGroup("/api/v1/anonymize").WithTags("Anonymize")
            .MapPost("/batch", Batch)
            .WithName("AnonymizeBatch")
            .WithSummary("Anonymize a ZIP of DICOM, PNG and JPEG files (folders allowed) and stream back a ZIP")
            .WithDescription("Multipart (file, optional options JSON) or a raw application/zip body; the same query options as /anonymize, "
                + "applied to every entry, under one pseudonym key for the whole batch. The archive is checked as a whole first (paths, links, "
                + "encryption, sizes, compression ratios, entry count): a refusal is a problem response. The 200 response is a ZIP streamed as "
                + "entries finish: each output at its entry's path with the output extension, <name>.report.json beside it, failures.json "
                + "(path, problem type, detail for each entry that failed) and summary.json.")
            .WithMetadata(new ImageBodyMetadata
            {
                RawTypes = ["application/zip"],
                Description = "A ZIP archive of DICOM, PNG or JPEG files: multipart/form-data with 'file' (and optional 'options'), or the raw application/zip bytes.",
            })
            .Produces(StatusCodes.Status200OK, contentType: "application/zip")
            .ProducesProblem(400).ProducesProblem(413).ProducesProblem(415).ProducesProblem(422).ProducesProblem(503);
        return routes;
    }

    private static async Task<PushStreamHttpResult> Batch(HttpContext context, BatchUploadReader reader, BatchService batches, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var upload = await reader.ReadAsync(context.Request, cancellationToken).ConfigureAwait(false);
        PreparedBatch batch;
        try
        {
            batch = batches.Prepare(upload);
        }
        catch
        {
            await upload.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        // Whatever happens to the response from here on (written, failed, aborted), the spool goes with the request.
        context.Response.RegisterForDisposeAsync(batch);
        var fileName = $"radanon-batch-{Guid.CreateVersion7().ToString("n")[..12]}.zip";
        return TypedResults.Stream(body => batches.WriteAsync(batch, body, started, cancellationToken), "application/zip", fileName);
    }
}
