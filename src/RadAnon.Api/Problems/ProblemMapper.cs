using System.Globalization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using RadAnon.Core;
using RadAnon.Core.Batches;
using RadAnon.Core.Ocr;
using RadAnon.Core.Pixels.Text;
using RadAnon.Core.Pixels.Text.Learned;
using RadAnon.Core.Profiles;
using RadAnon.Core.Provenance.Ledger;
using RadAnon.Core.Raster;
using RadAnon.Dicom;

namespace RadAnon.Api.Problems;

/// <summary>
/// Turns every exception into RFC 9457 problem details with a stable type. Messages of our own exceptions are
/// written to name tags, offsets and limits, never a patient value; anything unexpected becomes a generic 500
/// whose detail says nothing about the input.
/// </summary>
public sealed class ProblemMapper : IExceptionHandler
{
    private readonly IProblemDetailsService _problems;
    private readonly ILogger<ProblemMapper> _logger;

    public ProblemMapper(IProblemDetailsService problems, ILogger<ProblemMapper> logger)
    {
        _problems = problems;
        _logger = logger;
    }

    public static (string Type, string Detail, TimeSpan? RetryAfter) Classify(Exception exception) => exception switch
    {
        ApiProblemException api => (api.Type, api.Message, api.RetryAfter),
        BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => (ProblemTypes.RequestTooLarge, "the request body is larger than the configured limit (RadAnon:Limits:MaxRequestBytes)", null),
        BadHttpRequestException bad => (ProblemTypes.InvalidOptions, FormattableString.Invariant($"the request body could not be read as HTTP/1.1 framing allows (status {bad.StatusCode}); check chunked encoding and Content-Length"), null),
        InvalidOptionsException => (ProblemTypes.InvalidOptions, exception.Message, null),
        ImageTooLargeException => (ProblemTypes.ImageTooLarge, exception.Message, null),
        UnsupportedTransferSyntaxException => (ProblemTypes.UnsupportedTransferSyntax, exception.Message, null),
        UnsupportedPixelDataException => (ProblemTypes.UnsupportedPixelData, exception.Message, null),
        InvalidDicomException => (ProblemTypes.InvalidDicom, exception.Message, null),
        InvalidImageException => (ProblemTypes.InvalidImage, exception.Message, null),
        InvalidArchiveException => (ProblemTypes.InvalidArchive, exception.Message, null),
        UnsafeArchiveException => (ProblemTypes.UnsafeArchive, exception.Message, null),
        ArchiveTooLargeException => (ProblemTypes.ArchiveTooLarge, exception.Message, null),
        DeidentificationRefusedException => (ProblemTypes.DeidentificationRefused, exception.Message, null),
        ResidualTextException => (ProblemTypes.ResidualText, exception.Message, null),
        OcrUnavailableException => (ProblemTypes.OcrUnavailable, exception.Message, TimeSpan.FromSeconds(60)),
        TextModelUnavailableException => (ProblemTypes.TextModelUnavailable, exception.Message, TimeSpan.FromSeconds(60)),
        LedgerUnavailableException => (ProblemTypes.LedgerUnavailable, "the provenance ledger could not record this output, so it was not returned; retry later", TimeSpan.FromSeconds(30)),
        _ => (ProblemTypes.Internal, "an unexpected error occurred; no output was produced", null),
    };

    /// <summary>
    /// Problems the framework writes itself (status-code pages: an unknown route) get our stable type where we have one,
    /// instead of a link to the RFC section.
    /// </summary>
    public static void UseStableTypes(ProblemDetailsContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var problem = context.ProblemDetails;
        if (problem.Status == StatusCodes.Status404NotFound && problem.Type?.StartsWith("https://tools.ietf.org/", StringComparison.Ordinal) != false)
        {
            problem.Type = ProblemTypes.NotFound;
            problem.Title = ProblemTypes.Describe(ProblemTypes.NotFound).Title;
            problem.Detail ??= "no resource at this path; see /openapi/v1.json";
        }
    }

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (type, detail, retryAfter) = Classify(exception);
        var (status, title) = ProblemTypes.Describe(type);
        if (status >= 500 && type == ProblemTypes.Internal)
        {
            Log.UnexpectedFailure(_logger, exception.GetType().Name);
        }
        else
        {
            Log.RequestRefused(_logger, type, status);
        }

        return await WriteAsync(httpContext, _problems, type, detail, retryAfter).ConfigureAwait(false);
    }

    public static async ValueTask<bool> WriteAsync(HttpContext httpContext, IProblemDetailsService problems, string type, string detail, TimeSpan? retryAfter)
    {
        var (status, title) = ProblemTypes.Describe(type);
        httpContext.Response.StatusCode = status;
        if (retryAfter is { } wait)
        {
            httpContext.Response.Headers.RetryAfter = ((int)wait.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        }

        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = new ProblemDetails { Type = type, Title = title, Status = status, Detail = detail },
        }).ConfigureAwait(false);
    }
}
