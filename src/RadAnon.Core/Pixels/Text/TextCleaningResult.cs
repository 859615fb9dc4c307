namespace RadAnon.Core.Pixels.Text;

/// <summary>What happened to a region.</summary>
public enum RegionAction
{
    Redacted,
    Kept,

    /// <summary>Detected but inside a caller's veto box, so left alone.</summary>
    Vetoed,
}

/// <summary>One region for the report: where, how it reads (rotation), what it is, what was done. Never its text.</summary>
public sealed record TextRegion
{
    public required PixelBox Box { get; init; }

    /// <summary>0, 90 or 270: the turn that made the text upright for OCR.</summary>
    public required int Rotation { get; init; }

    public required TextCategory Category { get; init; }

    public required RegionAction Action { get; init; }

    /// <summary>The redaction method, or null when the region was kept.</summary>
    public required RedactionMethod? Method { get; init; }

    /// <summary>Mean Tesseract word confidence (0-100); 0 when nothing was read.</summary>
    public required float Confidence { get; init; }

    public required int GlyphHeight { get; init; }

    /// <summary>The painted box: the region grown by a margin proportional to its glyph height.</summary>
    public PixelBox? PaintedBox { get; init; }

    /// <summary>The named rule that decided what happens to this region (a rule name from <see cref="TextRules"/>, never text).</summary>
    public string Rule { get; init; } = TextRules.Policy;

    /// <summary>True when the learned detector sees text of this region's size over it (it proposed or confirmed it).</summary>
    public bool SeenByLearnedDetector { get; init; }

    /// <summary>A marker kept out of a line it was grouped with: the line's painting stops at it (see MarkerSplitter).</summary>
    internal bool SplitFromLine { get; init; }
}

/// <summary>How the redacted image was checked.</summary>
public sealed record VerificationOutcome(string Method, bool Performed, bool ResidualTextFound, int ResidualRegionCount);

/// <summary>Milliseconds per stage.</summary>
public sealed record StageTimings(double DetectMs, double OcrMs, double RedactMs, double VerifyMs)
{
    public double TotalMs => DetectMs + OcrMs + RedactMs + VerifyMs;
}

/// <summary>The cleaned image (same geometry and bit depth as the input) and the pixel part of the report.</summary>
public sealed record TextCleaningResult
{
    public required GrayImage Image { get; init; }

    public required IReadOnlyList<TextRegion> Regions { get; init; }

    public required VerificationOutcome Verification { get; init; }

    public required string OcrEngine { get; init; }

    /// <summary>The learned text detector's model and hash.</summary>
    public string TextDetector { get; init; } = "none";

    public required StageTimings Timings { get; init; }

    public int RedactedCount => Regions.Count(r => r.Action == RegionAction.Redacted);

    public int KeptMarkerCount => Regions.Count(r => r.Action == RegionAction.Kept && r.Category == TextCategory.Marker);

    public int KeptTextCount => Regions.Count(r => r.Action != RegionAction.Redacted && r.Category != TextCategory.Marker);

    /// <summary>Text-like regions OCR could not read; all of them were redacted (fail closed).</summary>
    public int UnreadableCount => Regions.Count(r => r.Category == TextCategory.Unreadable);

    /// <summary>True only when verification ran and found nothing; a forced result with residual text is never clean.</summary>
    public bool IsClean => Verification.Performed && !Verification.ResidualTextFound;
}
