using System.Text.Json.Nodes;

namespace RadAnon.Cli.Batch;

/// <summary>Anonymizes one input file, here or on a server; called from several worker threads at once.</summary>
internal interface IItemAnonymizer
{
    /// <summary>Throws the pipeline's exceptions (or <see cref="RemoteProblemException"/>) for an input that fails.</summary>
    ItemResult Anonymize(string inputPath);
}

/// <summary>The anonymized bytes, their file extension (with dot), the report JSON and the input's SHA-256.</summary>
internal sealed record ItemResult(byte[] Output, string FileExtension, JsonObject Report, string InputSha256)
{
    /// <summary>The output's SHA-256 when the anonymizer already computed it (local runs); null to hash <see cref="Output"/>.</summary>
    public string? OutputSha256 { get; init; }
}
