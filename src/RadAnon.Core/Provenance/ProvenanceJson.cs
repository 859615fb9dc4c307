using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace RadAnon.Core.Provenance;

/// <summary>Writes provenance-v1 JSON (schemas/provenance-v1.json): the full report, or the header part alone.</summary>
public static partial class ProvenanceJson
{
    public const string SchemaId = "https://radanon.invalid/schemas/provenance-v1.json";

    /// <summary>The report of one <see cref="Anonymizer.Anonymize"/> call.</summary>
    public static string Serialize(AnonymizationReport report) => JsonSerializer.Serialize(Document(report), Context.Default.ReportDocument);

    /// <summary>The same report as a JSON tree (for a host that adds its own properties before writing it once).</summary>
    public static JsonObject ToNode(AnonymizationReport report) => JsonSerializer.SerializeToNode(Document(report), Context.Default.ReportDocument)!.AsObject();

    private static ReportDocument Document(AnonymizationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var header = report.Header;
        return new ReportDocument(
            SchemaId,
            Software(),
            report.InputKind,
            report.InputHmacSha256,
            report.InputKeyId,
            report.OutputSha256,
            header is null ? new ProfileInfo(report.Profile, [], []) : Profile(header),
            header is null ? null : new KeyInfo(header.KeyMode, header.KeyFingerprint),
            report.Input,
            new OutputInfo(report.OutputKind, report.Output.Width, report.Output.Height, report.Output.Frames, report.OutputTransferSyntax, report.OutputLossy),
            header is null ? null : Header(header),
            report.RasterMetadataRemoved,
            report.Overlays,
            report.Pixels,
            report.PixelsCleaned,
            report.Forced,
            [.. header?.Warnings ?? [], .. report.Warnings]);
    }

    /// <summary>The header part alone, for callers that de-identify a dataset without the pipeline.</summary>
    public static string Serialize(HeaderReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var document = new HeaderDocument(
            SchemaId,
            Software(),
            Profile(report),
            new KeyInfo(report.KeyMode, report.KeyFingerprint),
            report.InputHmacSha256,
            report.OutputSha256,
            report.LongitudinalTemporalInformation,
            report.PixelsCleaned,
            report.Counts,
            report.Elements,
            report.RemovedPrivateTags,
            report.Warnings);
        return JsonSerializer.Serialize(document, Context.Default.HeaderDocument);
    }

    private static SoftwareInfo Software() => new("RadAnon", typeof(HeaderReport).Assembly.GetName().Version?.ToString(3) ?? "0.0.0", Profiles.ConfidentialityProfileTable.Edition);

    private static ProfileInfo Profile(HeaderReport report) =>
        new(report.Profile, report.Options, report.Codes.Select(c => new CodeInfo(c.Value, c.Scheme, c.Meaning)).ToArray());

    private static HeaderInfo Header(HeaderReport report) =>
        new(report.LongitudinalTemporalInformation, report.Counts, report.Elements, report.RemovedPrivateTags);

    /// <summary>Source-generated serialization: no reflection, so the first report of a process costs no warm-up.</summary>
    [JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
    [JsonSerializable(typeof(ReportDocument))]
    [JsonSerializable(typeof(HeaderDocument))]
    private sealed partial class Context : JsonSerializerContext;

    private sealed record ReportDocument(
        [property: JsonPropertyName("$schema")] string Schema,
        SoftwareInfo Software,
        string InputKind,
        string InputHmacSha256,
        string InputKeyId,
        string OutputSha256,
        ProfileInfo Profile,
        KeyInfo? Key,
        ImageGeometry Input,
        OutputInfo Output,
        HeaderInfo? Header,
        IReadOnlyList<RemovedField>? RasterMetadataRemoved,
        IReadOnlyList<OverlayReport>? Overlays,
        PixelReport? Pixels,
        bool PixelsCleaned,
        bool Forced,
        IReadOnlyList<string> Warnings);

    private sealed record HeaderDocument(
        [property: JsonPropertyName("$schema")] string Schema,
        SoftwareInfo Software,
        ProfileInfo Profile,
        KeyInfo Key,
        string? InputHmacSha256,
        string? OutputSha256,
        string LongitudinalTemporalInformation,
        bool PixelsCleaned,
        IReadOnlyDictionary<string, int> Counts,
        IReadOnlyList<ElementAction> Elements,
        IReadOnlyDictionary<string, int> RemovedPrivateTags,
        IReadOnlyList<string> Warnings);

    private sealed record OutputInfo(string Kind, int Width, int Height, int Frames, string? TransferSyntax, bool Lossy);

    private sealed record HeaderInfo(
        string LongitudinalTemporalInformation,
        IReadOnlyDictionary<string, int> Counts,
        IReadOnlyList<ElementAction> Elements,
        IReadOnlyDictionary<string, int> RemovedPrivateTags);

    private sealed record SoftwareInfo(string Name, string Version, string StandardEdition);

    private sealed record ProfileInfo(string Name, IReadOnlyList<string> Options, IReadOnlyList<CodeInfo> Codes);

    private sealed record CodeInfo(string Value, string Scheme, string Meaning);

    private sealed record KeyInfo(string Mode, string? Fingerprint);
}
