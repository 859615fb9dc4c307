namespace RadAnon.Core.Pixels.Text;

// Following a found line beyond the part the detector saw.
internal sealed partial record TextThresholds
{
    /// <summary>Used by <see cref="LineContinuation"/>.</summary>
    public sealed record ContinuationThresholds
    {
        /// <summary>Never more than this many glyph heights beyond either end (a long name behind a short detected word).</summary>
        public int MaxGlyphsAlong { get; init; } = 24;

        /// <summary>Columns a background step may take (blur, JPEG) before the field beyond it is flat.</summary>
        public int FieldEdgeColumns { get; init; } = 4;

        /// <summary>
        /// Up to this glyph height strokes are a pixel or two wide, and thin or serif letters never reach the ink value of
        /// the boldest ones: near strokes that do, a band pixel counts as a stroke part of the way towards the background.
        /// </summary>
        public int SmallGlyph { get; init; } = 12;

        /// <summary>A thin letter's looser tolerance reaches this share of the way from the ink towards the box's background.</summary>
        public Fraction ThinToleranceShare { get; init; } = new(1, 4);

        /// <summary>How many glyph heights past the last column at the strict tolerance the looser one applies.</summary>
        public int ThinReach { get; init; } = 4;

        /// <summary>Lines at least this tall continue only through columns whose ink spans <see cref="MinGlyphExtent"/> of them.</summary>
        public int MinGlyphForExtent { get; init; } = 24;

        /// <summary>A glyph of a large line spans this share of its height across (an x-height letter two thirds, a colon over half).</summary>
        public Fraction MinGlyphExtent { get; init; } = new(1, 3);

        /// <summary>The ink value is the brightest (light text) or darkest (dark text) this share of the line's box.</summary>
        public double InkShare { get; init; } = 0.05;

        /// <summary>Strokes cover less than this share of their box; more at the ink value means the ink is the background.</summary>
        public double MaxInkShare { get; init; } = 0.6;

        /// <summary>A pixel is at the ink value within this many noise sigmas...</summary>
        public int ToleranceNoiseFactor { get; init; } = 3;

        /// <summary>...and at least this many levels (rendered text has no noise, but its copies are rounded).</summary>
        public int MinTolerance { get; init; } = 4;

        /// <summary>Glyph height assumed at least, so gaps and guard strips never vanish.</summary>
        public int MinGlyph { get; init; } = 4;

        /// <summary>The walk stops after a gap of this many glyph heights (a label's colon and space in a monospaced font).</summary>
        public int GapGlyphs { get; init; } = 2;

        /// <summary>The stopping gap is at least this many columns.</summary>
        public int MinGap { get; init; } = 4;

        /// <summary>A column is more of the line when this share of the glyph height (at least one pixel) is at the ink value.</summary>
        public Fraction BandInkShare { get; init; } = new(1, 10);

        /// <summary>Width of each guard strip outside the band, as a share of the glyph height (at least two rows).</summary>
        public Fraction GuardWidthShare { get; init; } = new(1, 4);

        /// <summary>Rows outside the band are a flat field when at most this share of them is off their median.</summary>
        public Fraction FlatOffShare { get; init; } = new(1, 10);

        /// <summary>On a field of the ink's value, a stroke differs from the field across this share of the glyph (at least two pixels).</summary>
        public Fraction FieldStrokeShare { get; init; } = new(1, 4);
    }
}
