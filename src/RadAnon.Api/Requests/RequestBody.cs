using RadAnon.Api.Problems;

namespace RadAnon.Api.Requests;

/// <summary>
/// Reads from a request body, turning a transport failure of the body itself into the caller's problem: Kestrel reports
/// some broken framing (a chunk-size line of 17 hex digits) as a plain IOException, which would otherwise be a 500.
/// Its own <see cref="BadHttpRequestException"/> (413, 408...) is left to the problem mapper.
/// </summary>
internal static class RequestBody
{
    public static async ValueTask<int> ReadAsync(Stream body, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        try
        {
            return await body.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException ex) when (ex is not BadHttpRequestException)
        {
            throw new ApiProblemException(ProblemTypes.InvalidOptions,
                "the request body could not be read: broken chunked framing, or a body cut short before its declared length");
        }
    }
}
