using System.Buffers;
using System.Text;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using RadAnon.Api.Hosting;
using RadAnon.Api.Problems;
using RadAnon.Core;
using RadAnon.Core.Batches;
using RadAnon.Core.Profiles;

namespace RadAnon.Api.Requests;

/// <summary>A batch ZIP spooled (encrypted) to a temporary file, with the options for every entry. The owner disposes it.</summary>
public sealed record BatchUpload(EncryptedSpool Spool, AnonymizeOptions Options, string? Owner = null) : IAsyncDisposable
{
    public ValueTask DisposeAsync() => Spool.DisposeAsync();
}

/// <summary>
/// Reads a batch ZIP from a raw application/zip body or multipart/form-data ("file", optional "options") into an
/// <see cref="EncryptedSpool"/>, 64 KiB at a time, up to MaxBatchBytes. Memory does not grow with the archive.
/// </summary>
public sealed class BatchUploadReader
{
    private static readonly string[] RawTypes = ["application/zip", "application/x-zip-compressed", "application/octet-stream"];

    private readonly RadAnonSettings _settings;
    private readonly ProfileConfiguration _profiles;

    public BatchUploadReader(RadAnonSettings settings, ProfileConfiguration profiles)
    {
        _settings = settings;
        _profiles = profiles;
    }

    private long MaxBytes => _settings.Limits.MaxBatchBytes;

    public async Task<BatchUpload> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ContentLength > MaxBytes)
        {
            throw TooLarge($"the body declares {request.ContentLength} bytes");
        }

        // Kestrel's limit is set for single images; a batch may be larger. Our own count below is the exact limit.
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = MaxBytes + (1024 * 1024);
        }

        var contentType = request.ContentType is { } ct && MediaTypeHeaderValue.TryParse(ct, out var parsed) ? parsed : null;
        var mediaType = contentType?.MediaType.Value?.ToLowerInvariant();
        var isMultipart = mediaType == "multipart/form-data";
        if (!isMultipart && (mediaType is null || !RawTypes.Contains(mediaType)))
        {
            throw new ApiProblemException(ProblemTypes.UnsupportedMediaType,
                $"content type '{SafeEcho.Token(mediaType)}' is not accepted; send multipart/form-data with a 'file' field, or a raw application/zip body");
        }

        // Options in the query are judged before the upload is read, so a typo costs no transfer.
        var options = RequestOptionsParser.Parse(request.Query, null, _profiles);
        var spool = EncryptedSpool.Create(_settings.TempDirectory ?? Path.GetTempPath());
        try
        {
            if (isMultipart)
            {
                var optionsJson = await ReadMultipartAsync(request, contentType!, spool, cancellationToken).ConfigureAwait(false);
                options = RequestOptionsParser.Parse(request.Query, optionsJson, _profiles);
            }
            else
            {
                await CopyBoundedAsync(request.Body, spool, cancellationToken).ConfigureAwait(false);
            }

            await spool.SealAsync(cancellationToken).ConfigureAwait(false);
            if (spool.Length == 0)
            {
                throw new ApiProblemException(ProblemTypes.MissingFile, "the request holds no archive bytes");
            }

            return new BatchUpload(spool, options, Security.ApiCaller.Of(request.HttpContext)?.Owner);
        }
        catch (Exception ex)
        {
            await spool.DisposeAsync().ConfigureAwait(false);
            if (MultipartProblems.Translate(ex, MaxBytes) is { } problem)
            {
                throw problem;
            }

            throw;
        }
    }

    private async Task<string?> ReadMultipartAsync(HttpRequest request, MediaTypeHeaderValue contentType, EncryptedSpool spool, CancellationToken cancellationToken)
    {
        var boundary = HeaderUtilities.RemoveQuotes(contentType.Boundary).Value;
        if (string.IsNullOrEmpty(boundary) || boundary.Length > 200)
        {
            throw new ApiProblemException(ProblemTypes.InvalidOptions, "multipart/form-data without a valid boundary");
        }

        var reader = new MultipartReader(boundary, request.Body) { HeadersCountLimit = 16, HeadersLengthLimit = 16 * 1024, BodyLengthLimit = MaxBytes + 1 };
        var file = false;
        string? options = null;
        var sections = 0;
        while (await reader.ReadNextSectionAsync(cancellationToken).ConfigureAwait(false) is { } section)
        {
            if (++sections > 8)
            {
                throw new ApiProblemException(ProblemTypes.InvalidOptions, "too many multipart sections; send 'file' and optionally 'options'");
            }

            var name = HeaderUtilities.RemoveQuotes(section.GetContentDispositionHeader()?.Name ?? default).Value;
            switch (name)
            {
                case "file" when !file:
                    await CopyBoundedAsync(section.Body, spool, cancellationToken).ConfigureAwait(false);
                    file = true;
                    break;
                case "options" when options is null:
                    var bytes = await ReadOptionsAsync(section.Body, cancellationToken).ConfigureAwait(false);
                    options = Encoding.UTF8.GetString(bytes);
                    break;
                default:
                    throw new ApiProblemException(ProblemTypes.InvalidOptions, "unexpected multipart field; send 'file' and optionally 'options' once each");
            }
        }

        return file ? options : throw new ApiProblemException(ProblemTypes.MissingFile, "the form has no 'file' field");
    }

    private async Task CopyBoundedAsync(Stream body, EncryptedSpool spool, CancellationToken cancellationToken)
    {
        var chunk = ArrayPool<byte>.Shared.Rent(EncryptedSpool.ChunkSize);
        try
        {
            int read;
            while ((read = await RequestBody.ReadAsync(body, chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (spool.Length + read > MaxBytes)
                {
                    throw TooLarge("the archive is larger than that");
                }

                await spool.WriteAsync(chunk.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk, clearArray: true);
        }
    }

    private async Task<byte[]> ReadOptionsAsync(Stream body, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[4096];
        int read;
        while ((read = await RequestBody.ReadAsync(body, chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > _settings.Limits.MaxOptionsBytes)
            {
                throw new ApiProblemException(ProblemTypes.InvalidOptions, $"the options are larger than the configured limit of {_settings.Limits.MaxOptionsBytes} bytes");
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private ApiProblemException TooLarge(string what) =>
        new(ProblemTypes.RequestTooLarge, $"{what}; the batch limit is {MaxBytes} bytes (RadAnon:Limits:MaxBatchBytes)");
}
