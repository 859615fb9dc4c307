namespace RadAnon.Api.Problems;

/// <summary>A request problem found by the host itself (bad options, missing file, wrong media type...).</summary>
public sealed class ApiProblemException : Exception
{
    public ApiProblemException(string type, string detail, TimeSpan? retryAfter = null)
        : base(detail)
    {
        Type = type;
        RetryAfter = retryAfter;
    }

    public string Type { get; }

    public TimeSpan? RetryAfter { get; }
}
