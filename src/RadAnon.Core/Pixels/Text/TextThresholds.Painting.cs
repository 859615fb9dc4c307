namespace RadAnon.Core.Pixels.Text;

// Where a removed region is painted and how.
internal sealed partial record TextThresholds
{
    /// <summary>Used by <see cref="RegionRedactor"/> and by <see cref="BurnedInTextCleaner"/> where it sets a painted box.</summary>
    public sealed record PaintingThresholds
    {
        /// <summary>A painted box reaches this many pixels beyond the text on every side, besides its share of the glyph height (antialiased rims).</summary>
        public int MarginPixels { get; init; } = 3;

        /// <summary>Across a line the margin is this share of the glyph height: accents, descenders and strokes the box cut.</summary>
        public Fraction AcrossMarginShare { get; init; } = new(1, 4);

        /// <summary>Along a line it is this share: a thin first or last character (I, 1, a colon) may have missed the line grouping.</summary>
        public Fraction AlongMarginShare { get; init; } = new(3, 4);

        /// <summary>Text up to this glyph height gets a wider margin along the line: a short label or end character is often left out by a wider gap (a higher limit found no more text, for more collateral).</summary>
        public int SmallTextMaxGlyph { get; init; } = 16;

        /// <summary>The extra margin along small text, a share of its glyph height: the strip costs few pixels at that size.</summary>
        public Fraction SmallTextExtraAlongShare { get; init; } = new(1, 2);

        /// <summary>A kept box holds a redacted line's continuation only when it spans this share of the line's band across it.</summary>
        public Fraction KeptSpanShare { get; init; } = new(9, 10);

        /// <summary>The ring read around a painted box is this share of its smaller side...</summary>
        public Fraction RingShare { get; init; } = new(1, 4);

        /// <summary>...but at least this wide, so the fill follows the surroundings and not one row...</summary>
        public int MinRing { get; init; } = 3;

        /// <summary>...and at most this wide, so far anatomy does not shade the fill.</summary>
        public int MaxRing { get; init; } = 16;

        /// <summary>When a ring holds no unpainted pixel it is widened by this factor...</summary>
        public int RingGrowth { get; init; } = 4;

        /// <summary>...while it is narrower than this; then the fill is zero.</summary>
        public int MaxRingSearch { get; init; } = 256;

        /// <summary>Each side's profile is smoothed over this share of its length (at least the ring), so no glyph fringe echoes in.</summary>
        public Fraction ProfileSmoothingShare { get; init; } = new(1, 8);
    }
}
