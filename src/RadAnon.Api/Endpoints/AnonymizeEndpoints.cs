using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using RadAnon.Api.Hosting;
using RadAnon.Api.Requests;

namespace RadAnon.Api.Endpoints;

/// <summary>POST /api/v1/anonymize and /anonymize/bundle: the cleaned image (or a ZIP with its report).</summary>
public static class AnonymizeEndpoints
{
    public static IEndpointRouteBuilder MapAnonymizeEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/anonymize").WithTags("Anonymize");
        group.MapPost("/", Anonymize)
            .WithName("Anonymize")
            .WithSummary("Anonymize one DICOM, PNG or JPEG image")
            .WithDescription("Multipart (file, optional options JSON) or a raw application/dicom, image/png or image/jpeg body. "
                + "Query: profile, format, redact, markers, text, regions, force, burnOverlays. Returns the cleaned file; RadAnon-Report-Id and Link headers point at its report.")
            .WithMetadata(new ImageBodyMetadata())
            .Produces(StatusCodes.Status200OK, contentType: "application/octet-stream")
            .ProducesProblem(400).ProducesProblem(413).ProducesProblem(415).ProducesProblem(422).ProducesProblem(503);
        group.MapPost("/bundle", Bundle)
            .WithName("AnonymizeBundle")
            .WithSummary("Anonymize one image and return a ZIP of the output and report.json")
            .WithMetadata(new ImageBodyMetadata())
            .Produces(StatusCodes.Status200OK, contentType: "application/zip")
            .ProducesProblem(400).ProducesProblem(413).ProducesProblem(415).ProducesProblem(422).ProducesProblem(503);
        return routes;
    }

    private static async Task<FileContentHttpResult> Anonymize(HttpContext context, ImageUploadReader reader, AnonymizationService service, CancellationToken cancellationToken)
    {
        var upload = await reader.ReadAsync(context.Request, cancellationToken).ConfigureAwait(false);
        var output = await service.AnonymizeAsync(upload, cancellationToken).ConfigureAwait(false);
        AddReportHeaders(context.Response, output);
        return TypedResults.File(output.Content, output.MediaType, output.FileName);
    }

    private static async Task<FileContentHttpResult> Bundle(HttpContext context, ImageUploadReader reader, AnonymizationService service, CancellationToken cancellationToken)
    {
        var upload = await reader.ReadAsync(context.Request, cancellationToken).ConfigureAwait(false);
        var output = await service.AnonymizeAsync(upload, cancellationToken).ConfigureAwait(false);
        AddReportHeaders(context.Response, output);
        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            await WriteEntryAsync(archive, output.FileName, output.Content, CompressionLevel.Fastest, cancellationToken).ConfigureAwait(false);
            var report = JsonSerializer.SerializeToUtf8Bytes(ReportEnvelope.From(output.Entry), ApiJson.Indented);
            await WriteEntryAsync(archive, "report.json", report, CompressionLevel.Optimal, cancellationToken).ConfigureAwait(false);
        }

        return TypedResults.File(zip.ToArray(), "application/zip", Path.ChangeExtension(output.FileName, ".zip"));
    }

    private static async Task WriteEntryAsync(ZipArchive archive, string name, byte[] content, CompressionLevel level, CancellationToken cancellationToken)
    {
        var entry = archive.CreateEntry(name, level);
        var stream = await entry.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            await stream.WriteAsync(content, cancellationToken).ConfigureAwait(false);
        }
    }

    private static void AddReportHeaders(HttpResponse response, RecordedOutput output)
    {
        response.Headers["RadAnon-Report-Id"] = output.Entry.Id;
        response.Headers.Link = $"</api/v1/reports/{output.Entry.Id}>; rel=\"describedby\"";
        response.Headers["RadAnon-Output-SHA256"] = output.Entry.OutputSha256;
    }
}
