using RadAnon.Core.Pixels.Text;

namespace RadAnon.Core.Provenance;

/// <summary>
/// Everything one anonymization did, free of PHI: hashes, geometry, the header part (DICOM), the names of raster
/// metadata removed, and the pixel part (regions, counts, verification, timings). Never a value, never OCR text.
/// Serialise with <see cref="ProvenanceJson"/> (schemas/provenance-v1.json).
/// </summary>
public sealed class AnonymizationReport
{
    private readonly List<string> _warnings = [];

    /// <summary>"dicom", "png" or "jpeg".</summary>
    public required string InputKind { get; init; }

    /// <summary>
    /// The input's plain SHA-256, in memory only for a local host (the CLI's resume check): never serialised, because it
    /// would let anyone holding a candidate original link a published output to the patient's file.
    /// </summary>
    public required string InputSha256 { get; init; }

    /// <summary>HMAC-SHA256 of the input under the deployment's <see cref="ReportKey"/>: only the server can check it.</summary>
    public string InputHmacSha256 { get; internal set; } = string.Empty;

    /// <summary>Which report key made <see cref="InputHmacSha256"/> ("ephemeral" for a process-only key).</summary>
    public string InputKeyId { get; internal set; } = string.Empty;

    public string OutputSha256 { get; internal set; } = string.Empty;

    public required string Profile { get; init; }

    public required ImageGeometry Input { get; init; }

    public ImageGeometry Output { get; internal set; } = new(0, 0, 0);

    /// <summary>"dicom", "png" or "jpeg".</summary>
    public string OutputKind { get; internal set; } = string.Empty;

    /// <summary>The DICOM transfer syntax UID written; null for PNG/JPEG.</summary>
    public string? OutputTransferSyntax { get; internal set; }

    /// <summary>Whether the output pixels went through (or came from) lossy compression.</summary>
    public bool OutputLossy { get; internal set; }

    /// <summary>The header part (DICOM inputs only).</summary>
    public HeaderReport? Header { get; internal set; }

    /// <summary>Raster metadata carriers removed, by name, with counts (PNG/JPEG inputs only).</summary>
    public IReadOnlyList<RemovedField>? RasterMetadataRemoved { get; internal set; }

    /// <summary>The pixel part; null when the profile did not ask for pixel cleaning or there were no pixels.</summary>
    public PixelReport? Pixels { get; internal set; }

    /// <summary>
    /// Overlay planes burned into the pixels before cleaning (burnOverlays), or planes embedded in unused pixel bits that
    /// were cleared when the pixels are otherwise written back untouched; null when there were none.
    /// </summary>
    public IReadOnlyList<OverlayReport>? Overlays { get; internal set; }

    /// <summary>
    /// True only when every frame was cleaned, verification found no residual identifying text, and no veto kept a region
    /// classified as identifying or an area where identifying words were read.
    /// </summary>
    public bool PixelsCleaned { get; internal set; }

    /// <summary>True when the caller forced an output that verification did not pass.</summary>
    public bool Forced { get; internal set; }

    public IReadOnlyList<string> Warnings => _warnings;

    internal void AddWarning(string warning)
    {
        if (!_warnings.Contains(warning))
        {
            _warnings.Add(warning);
        }
    }
}

/// <summary>Width, height and frame count.</summary>
public sealed record ImageGeometry(int Width, int Height, int Frames);

/// <summary>A removed metadata carrier's name (e.g. "JPEG APP1 EXIF") and how many there were.</summary>
public sealed record RemovedField(string Name, int Count);

/// <summary>
/// One overlay plane burned into the pixels: its group ("6004"), size, frames, type (G or R), where its bits were
/// ("overlay-data" or "pixel-data-bit-N") and the action ("burned"). Never its content.
/// </summary>
public sealed record OverlayReport(string Group, int Rows, int Columns, int Frames, string Type, string Source, string Action);

/// <summary>The pixel part of the report (issue 4 item 7).</summary>
public sealed record PixelReport
{
    public required string Redaction { get; init; }

    public required string Markers { get; init; }

    public required string Text { get; init; }

    public required IReadOnlyList<RegionReport> Regions { get; init; }

    public required RegionCounts Counts { get; init; }

    public required VerificationReport Verification { get; init; }

    /// <summary>Identifying text kept by the caller's vetoes (issue 20): any makes the output not clean.</summary>
    public required VetoReport VetoedIdentifying { get; init; }

    public required string OcrEngine { get; init; }

    /// <summary>The learned text detector's model and SHA-256 (empty when no frame was cleaned).</summary>
    public string TextDetector { get; init; } = string.Empty;

    public required TimingReport Timings { get; init; }
}

/// <summary>One region: where, how it read, what it was and what was done. Never its text.</summary>
public sealed record RegionReport(int Frame, int X, int Y, int Width, int Height, int Rotation, string Category, string Action, string? Method, double Confidence)
{
    /// <summary>The named rule that decided the region (see <see cref="TextRules"/>).</summary>
    public string Rule { get; init; } = TextRules.Policy;

    /// <summary>True when the learned text detector sees text of the region's size there (it proposed or confirmed it).</summary>
    public bool Learned { get; init; }

    internal static RegionReport From(int frame, TextRegion r) => new(
        frame, r.Box.X, r.Box.Y, r.Box.Width, r.Box.Height, r.Rotation,
        r.Category == TextCategory.Marker && r.Action != RegionAction.Kept ? "marker" : Name(r.Category),
        Name(r.Action), r.Method is { } m ? Name(m) : null, Math.Round(r.Confidence, 1))
    {
        Rule = r.Rule,
        Learned = r.SeenByLearnedDetector,
    };

    internal static string Name<T>(T value)
        where T : struct, Enum => value switch
        {
            TextCategory.HeaderMatch => "header-match",
            TextCategory.OtherText => "other-text",
            TextCategory.Marker => "marker-kept",
            TextCategory.CallerRegion => "caller-region",
            _ => value.ToString().ToLowerInvariant(),
        };
}

/// <summary>Region counts over all frames.</summary>
public sealed record RegionCounts(int Detected, int Redacted, int MarkersKept, int TextKept, int Unreadable, int Vetoed, int CallerAdded);

/// <summary>How the output was checked and what was found (counts only).</summary>
public sealed record VerificationReport(string Method, bool Performed, bool ResidualTextFound, int ResidualRegions);

/// <summary>Milliseconds per stage, summed over frames.</summary>
public sealed record TimingReport(double DecodeMs, double DetectMs, double OcrMs, double RedactMs, double VerifyMs, double EncodeMs, double TotalMs);
