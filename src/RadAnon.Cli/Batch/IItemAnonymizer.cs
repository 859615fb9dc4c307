using System.Text.Json.Nodes;

namespace RadAnon.Cli.Batch;

/// <summary>Anonymizes one input file, here or on a server; called from several worker threads at once.</summary>
internal interface IItemAnonymizer
{
    /// <summary>
    /// Writes the anonymized output into <paramref name="destination"/> (the runner's temporary file, renamed into place
    /// afterwards). Throws the pipeline's exceptions (or <see cref="RemoteProblemException"/>) for an input that fails;
    /// whatever was written then is discarded.
    /// </summary>
    ItemResult Anonymize(string inputPath, Stream destination);
}

/// <summary>The output's file extension (with dot), the report JSON, the input's and output's SHA-256 and the output's length.</summary>
internal sealed record ItemResult(string FileExtension, JsonObject Report, string InputSha256, string OutputSha256, long OutputLength);
