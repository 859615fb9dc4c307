using System.Text.Json;
using System.Text.Json.Serialization;

namespace RadAnon.Core.Provenance;

/// <summary>Writes a <see cref="HeaderReport"/> as provenance-v1 JSON (schemas/provenance-v1.json).</summary>
public static class ProvenanceJson
{
    public const string SchemaId = "https://radanon.invalid/schemas/provenance-v1.json";

    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Serialize(HeaderReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var document = new ProvenanceDocument(
            SchemaId,
            new SoftwareInfo(report.Software, report.SoftwareVersion, report.StandardEdition),
            new ProfileInfo(report.Profile, report.Options, report.Codes.Select(c => new CodeInfo(c.Value, c.Scheme, c.Meaning)).ToArray()),
            new KeyInfo(report.KeyMode, report.KeyFingerprint),
            report.InputSha256,
            report.OutputSha256,
            report.LongitudinalTemporalInformation,
            report.PixelsCleaned,
            report.Counts,
            report.Elements,
            report.RemovedPrivateTags,
            report.Warnings);
        return JsonSerializer.Serialize(document, Options);
    }

    private sealed record ProvenanceDocument(
        [property: JsonPropertyName("$schema")] string Schema,
        SoftwareInfo Software,
        ProfileInfo Profile,
        KeyInfo Key,
        string? InputSha256,
        string? OutputSha256,
        string LongitudinalTemporalInformation,
        bool PixelsCleaned,
        IReadOnlyDictionary<string, int> Counts,
        IReadOnlyList<ElementAction> Elements,
        IReadOnlyDictionary<string, int> RemovedPrivateTags,
        IReadOnlyList<string> Warnings);

    private sealed record SoftwareInfo(string Name, string Version, string StandardEdition);

    private sealed record ProfileInfo(string Name, IReadOnlyList<string> Options, IReadOnlyList<CodeInfo> Codes);

    private sealed record CodeInfo(string Value, string Scheme, string Meaning);

    private sealed record KeyInfo(string Mode, string? Fingerprint);
}
