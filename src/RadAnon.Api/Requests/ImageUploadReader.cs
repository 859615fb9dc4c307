using System.Buffers;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using RadAnon.Api.Hosting;
using RadAnon.Api.Problems;
using RadAnon.Core.Profiles;
using RadAnon.Core.Raster;

namespace RadAnon.Api.Requests;

/// <summary>
/// Reads an image from a raw body (application/dicom, image/png, image/jpeg) or from multipart/form-data
/// (field "file", optional field "options"). The multipart sections are streamed by hand, because the framework's
/// form reader spools large files to disk, and an identifying image must never touch the disk.
/// </summary>
public sealed class ImageUploadReader
{
    private static readonly string[] RawTypes = ["application/dicom", "image/png", "image/jpeg", "application/octet-stream"];

    private readonly LimitSettings _limits;
    private readonly ProfileConfiguration _profiles;
    private readonly UploadBudget _budget;

    public ImageUploadReader(LimitSettings limits, ProfileConfiguration profiles, UploadBudget budget)
    {
        _limits = limits;
        _profiles = profiles;
        _budget = budget;
    }

    public async Task<ImageUpload> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var (content, optionsJson) = await ReadContentAsync(request, cancellationToken).ConfigureAwait(false);
        var kind = Sniff(content);
        var options = RequestOptionsParser.Parse(request.Query, optionsJson, _profiles);
        return new ImageUpload(content, kind, options, Security.ApiCaller.Of(request.HttpContext)?.Owner);
    }

    /// <summary>The file bytes and the raw options JSON, bounded by the limits, without judging the content.</summary>
    public async Task<(byte[] Content, string? OptionsJson)> ReadContentAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ContentLength > _limits.MaxRequestBytes)
        {
            throw new ApiProblemException(ProblemTypes.RequestTooLarge, $"the body declares {request.ContentLength} bytes; the limit is {_limits.MaxRequestBytes} (RadAnon:Limits:MaxRequestBytes)");
        }

        // The declared length is claimed from the shared budget before a byte is read; a chunked body claims as it grows.
        var lease = _budget.Open(request.HttpContext);
        lease.Grow(request.ContentLength ?? 0);
        var contentType = request.ContentType is { } ct && MediaTypeHeaderValue.TryParse(ct, out var parsed) ? parsed : null;
        var mediaType = contentType?.MediaType.Value?.ToLowerInvariant();
        byte[] content;
        string? optionsJson = null;
        if (mediaType == "multipart/form-data")
        {
            try
            {
                (content, optionsJson) = await ReadMultipartAsync(request, contentType!, lease, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (MultipartProblems.Translate(ex, _limits.MaxRequestBytes) is { } problem)
            {
                throw problem;
            }
        }
        else if (mediaType is not null && RawTypes.Contains(mediaType))
        {
            content = await ReadBoundedAsync(request.Body, _limits.MaxRequestBytes, lease, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            throw new ApiProblemException(ProblemTypes.UnsupportedMediaType,
                $"content type '{SafeEcho.Token(mediaType)}' is not accepted; send multipart/form-data with a 'file' field, or a raw application/dicom, image/png or image/jpeg body");
        }

        if (content.Length == 0)
        {
            throw new ApiProblemException(ProblemTypes.MissingFile, "the request holds no image bytes");
        }

        return (content, optionsJson);
    }

    /// <summary>DICOM, PNG or JPEG judged by content, whatever the client declared.</summary>
    public static string Sniff(ReadOnlySpan<byte> content)
    {
        if (RasterFormatDetector.Detect(content) is { } raster)
        {
            return raster == RasterFormat.Png ? "png" : "jpeg";
        }

        if (content.Length >= 132 && content.Slice(128, 4).SequenceEqual("DICM"u8))
        {
            return "dicom";
        }

        // A bare dataset without preamble starts with a little-endian group 0002 or 0008 tag.
        if (content.Length >= 8 && content[1] == 0 && (content[0] == 0x02 || content[0] == 0x08) && content[3] == 0 && content[2] < 0x80)
        {
            return "dicom";
        }

        throw new ApiProblemException(ProblemTypes.UnsupportedMediaType, "the content is not a DICOM, PNG or JPEG file (checked by its leading bytes)");
    }

    private async Task<(byte[] Content, string? Options)> ReadMultipartAsync(HttpRequest request, MediaTypeHeaderValue contentType, UploadBudget.Lease lease, CancellationToken cancellationToken)
    {
        var boundary = HeaderUtilities.RemoveQuotes(contentType.Boundary).Value;
        if (string.IsNullOrEmpty(boundary) || boundary.Length > 200)
        {
            throw new ApiProblemException(ProblemTypes.InvalidOptions, "multipart/form-data without a valid boundary");
        }

        var reader = new MultipartReader(boundary, request.Body) { HeadersCountLimit = 16, HeadersLengthLimit = 16 * 1024 };
        byte[]? file = null;
        string? options = null;
        var sections = 0;
        while (await reader.ReadNextSectionAsync(cancellationToken).ConfigureAwait(false) is { } section)
        {
            if (++sections > 8)
            {
                throw new ApiProblemException(ProblemTypes.InvalidOptions, "too many multipart sections; send 'file' and optionally 'options'");
            }

            var disposition = section.GetContentDispositionHeader();
            var name = HeaderUtilities.RemoveQuotes(disposition?.Name ?? default).Value;
            switch (name)
            {
                case "file" when file is null:
                    file = await ReadBoundedAsync(section.Body, _limits.MaxRequestBytes, lease, cancellationToken).ConfigureAwait(false);
                    break;
                case "options" when options is null:
                    var bytes = await ReadBoundedAsync(section.Body, _limits.MaxOptionsBytes, null, cancellationToken, ProblemTypes.InvalidOptions).ConfigureAwait(false);
                    options = Encoding.UTF8.GetString(bytes);
                    break;
                default:
                    throw new ApiProblemException(ProblemTypes.InvalidOptions, "unexpected multipart field; send 'file' and optionally 'options' once each");
            }
        }

        return (file ?? throw new ApiProblemException(ProblemTypes.MissingFile, "the form has no 'file' field"), options);
    }

    private static async Task<byte[]> ReadBoundedAsync(Stream body, long limit, UploadBudget.Lease? lease, CancellationToken cancellationToken, string overLimitType = ProblemTypes.RequestTooLarge)
    {
        using var buffer = new MemoryStream();
        var chunk = ArrayPool<byte>.Shared.Rent(81920);
        try
        {
            int read;
            while ((read = await RequestBody.ReadAsync(body, chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > limit)
                {
                    throw new ApiProblemException(overLimitType, $"the content is larger than the configured limit of {limit} bytes");
                }

                lease?.Grow(buffer.Length + read);
                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        return buffer.ToArray();
    }
}
