namespace RadAnon.Cli.Batch;

/// <summary>A problem-details answer from a RadAnon server: <see cref="Type"/> is the last segment of the problem's type URI.</summary>
internal sealed class RemoteProblemException(string type, string message) : Exception(message)
{
    public string Type { get; } = type;
}
