using RadAnon.Api.Problems;

namespace RadAnon.Api.Requests;

/// <summary>
/// The framework's multipart reader fails with plain .NET exceptions (a boundary that never appears, a body without its
/// closing boundary, too many or too long section headers, a body over its length limit). Those are the caller's
/// mistakes: 400 or 413 with a fixed detail that repeats nothing of the input. Kestrel's own request errors
/// (<see cref="BadHttpRequestException"/>, an IOException too) are left to the problem mapper.
/// </summary>
internal static class MultipartProblems
{
    public static ApiProblemException? Translate(Exception exception, long limit) => exception switch
    {
        BadHttpRequestException => null,
        InvalidDataException when exception.Message.Contains("body length limit", StringComparison.OrdinalIgnoreCase) =>
            new ApiProblemException(ProblemTypes.RequestTooLarge, $"the multipart body is larger than the configured limit of {limit} bytes"),
        InvalidDataException => new ApiProblemException(ProblemTypes.InvalidOptions,
            "the multipart body is malformed: a section has more than 16 headers, more than 16 KiB of headers, or a line the reader cannot take"),
        IOException => new ApiProblemException(ProblemTypes.InvalidOptions,
            "the multipart body ends before its closing boundary (or the boundary named in Content-Type never appears)"),
        _ => null,
    };
}
