namespace RadAnon.Core.Pixels.Text;

/// <summary>The tuned numbers of the decision rules (Pixels/Text/Rules), a section of <see cref="TextThresholds"/>.</summary>
internal sealed record RuleThresholds
{
    /// <summary>A reading at least this confident silences its opposite-polarity echo and explains what lies under it.</summary>
    public float EchoConfidence { get; init; } = 55;

    /// <summary>Below this, a name or other-text reading is no stronger than Tesseract's readings of anatomy sometimes are.</summary>
    public float SoftReadingConfidence { get; init; } = 70;

    /// <summary>A learned box this many times taller than wide is read as text turned by a quarter.</summary>
    public double ProposalVerticalAspect { get; init; } = 2;

    /// <summary>A learned box's glyph height as a share of its thickness (the model's boxes reach a little past the strokes).</summary>
    public double ProposalGlyphShare { get; init; } = 0.7;

    /// <summary>A name read at least this confidently stands without the learned detector (which misses small turned text).</summary>
    public float StrongNameConfidence { get; init; } = 90;

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

    /// <summary>A marker's region holds unread glyphs when its components exceed this share of the letters read...</summary>
    public Fraction UnreadGlyphShare { get; init; } = new(3, 2);

    /// <summary>...plus this many: a letter may break into pieces or a mark stand beside it without hiding another word.</summary>
    public int UnreadGlyphSlack { get; init; } = 2;

    /// <summary>Gaps between a marker and line text are measured against at least this glyph height, so small text is not judged by pixels.</summary>
    public int MarkerGapMinGlyph { get; init; } = 8;

    /// <summary>A marker and redacted text whose glyph heights differ by more than this factor are not letters of one word.</summary>
    public double MarkerWordMaxSizeRatio { get; init; } = 1.6;

    /// <summary>A marker closer than this many glyph heights to redacted text of its size is letters of that word (a word space is wider).</summary>
    public double MarkerWordSpace { get; init; } = 0.6;

    /// <summary>A candidate's neighbours are sought within its glyph height across the line, and at least this many pixels.</summary>
    public int MinNeighbourReach { get; init; } = 3;

    /// <summary>An echo covers at most this many times the other reading's area: a counter inside a long unread line is no echo of it.</summary>
    public double MaxEchoAreaRatio { get; init; } = 2.5;

    /// <summary>A box lies inside another when this share of it does (an antialiased rim may stick out).</summary>
    public Fraction InsideShare { get; init; } = new(9, 10);

    /// <summary>A lone blob is judged against the line's glyph height, but at least this many pixels.</summary>
    public int LoneGlyphMinLineGlyph { get; init; } = 4;

    /// <summary>A lone blob of a line is at least this share of its glyph height...</summary>
    public Fraction LoneGlyphMinSize { get; init; } = new(1, 2);

    /// <summary>...and at most this share: larger, it is no letter of the line.</summary>
    public Fraction LoneGlyphMaxSize { get; init; } = new(3, 2);

    /// <summary>A lone blob lies within the line's band across it by at least this share of its own extent.</summary>
    public Fraction LoneGlyphAcrossShare { get; init; } = new(3, 5);

    /// <summary>A lone blob is a letter of a line at most this many glyph heights beyond either end (a word space or two).</summary>
    public int LoneGlyphReach { get; init; } = 2;
}
