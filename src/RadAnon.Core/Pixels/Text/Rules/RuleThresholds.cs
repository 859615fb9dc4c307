namespace RadAnon.Core.Pixels.Text;

/// <summary>The tuned numbers of the decision rules (Pixels/Text/Rules), a section of <see cref="TextThresholds"/>.</summary>
internal sealed record RuleThresholds
{
    /// <summary>A reading at least this confident silences its opposite-polarity echo and explains what lies under it.</summary>
    public float EchoConfidence { get; init; } = 55;

    /// <summary>Below this, a name or other-text reading is no stronger than Tesseract's readings of anatomy sometimes are.</summary>
    public float SoftReadingConfidence { get; init; } = 70;

    /// <summary>A lone shape read as at most this many characters of non-identifying text is no text on its own.</summary>
    public int MaxLoneGlyphCharacters { get; init; } = 2;

    /// <summary>A marker is kept over a line only when the veto box covers at least this share of the line (caller veto).</summary>
    public double VetoCoverage { get; init; } = 0.5;

    /// <summary>A region needing the learned detector's support is text when learned boxes of its size cover this share of it.</summary>
    public double MinLearnedCoverage { get; init; } = 0.3;

    /// <summary>A learned box supports a region only up to this many times the region's line thickness (a lung field is one thick box).</summary>
    public double MaxLearnedThicknessRatio { get; init; } = 2.5;

    /// <summary>The rim of a backing box around a kept marker's letters, in glyph heights (a quarter measured the same as an eighth).</summary>
    public int KeptMarkerRimDivisor { get; init; } = 8;

    /// <summary>The rim of a backing box around a kept marker's letters at least, in pixels.</summary>
    public int KeptMarkerRimPixels { get; init; } = 2;
}
