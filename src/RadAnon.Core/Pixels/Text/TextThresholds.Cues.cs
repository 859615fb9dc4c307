namespace RadAnon.Core.Pixels.Text;

// Pixel cues that tell anatomy and texture from text.
internal sealed partial record TextThresholds
{
    /// <summary>Used by <see cref="EdgeCue"/>, <see cref="TextureCue"/> and <see cref="AnatomyTrim"/>.</summary>
    public sealed record CueThresholds
    {
        /// <summary>
        /// A drawn edge rises by at least this share of the local range per pixel after the 3x3 mean: a step gives 1/3, a
        /// two-pixel anti-aliased edge 1/4. The range is taken over half a glyph, so it spans a whole anatomical dome, whose
        /// steepest part (the rim of a bone's shadow) rises by a small share of the dome's height per pixel (measured below 0.16).
        /// </summary>
        public double SharpShare { get; init; } = 0.2;

        /// <summary>Half the span a straight edge's step is measured over: a drawn or collimated edge rises within it.</summary>
        public int EdgeSpan { get; init; } = 2;

        /// <summary>A long straight edge may drift one pixel across per this many along it (a collimator turned by ~3 degrees).</summary>
        public int DriftRun { get; init; } = 16;

        /// <summary>A straight edge this many glyph heights long is a border, strip or ruler: no stroke of a glyph is that long.</summary>
        public int StraightEdgeGlyphs { get; init; } = 2;

        /// <summary>Smallest glyph height the edge cue judges: smaller strokes are blurred by the 3x3 mean itself.</summary>
        public int EdgeMinGlyphHeight { get; init; } = 24;

        /// <summary>Boxes thinner than this are not judged by the edge cue (the 3x3 mean leaves no inside).</summary>
        public int EdgeMinSide { get; init; } = 3;

        /// <summary>The glyph-scale window's radius is this share of the glyph height: the window spans half a glyph.</summary>
        public Fraction GlyphWindowShare { get; init; } = new(1, 4);

        /// <summary>Half the window of the stroke-scale look: a stroke's edge and a few pixels of ink beside it.</summary>
        public int StrokeRadius { get; init; } = 3;

        /// <summary>
        /// Drawn-edge pixels at the half-glyph scale that make a box not soft: a few pixels of one stroke's edge. Not a
        /// glyph's worth: slivers of real text beside read lines had 20-50; smooth anatomy has none.
        /// </summary>
        public int EdgePixels { get; init; } = 8;

        /// <summary>The band around a line holds at least this share of the box's ink density where texture continues (text: ~0).</summary>
        public double SurroundShare { get; init; } = 0.25;

        /// <summary>And at least this share of its pixels are ink (a clean background never reaches it).</summary>
        public double MinSurroundInk { get; init; } = 0.03;

        /// <summary>The band around a line is at least this wide, whatever the glyph height.</summary>
        public int MinBand { get; init; } = 8;

        /// <summary>Texture shows ink on at least this many sides of a line (text beside an anatomy edge has one).</summary>
        public int MinTexturedSides { get; init; } = 2;

        /// <summary>Lines of one block differ in glyph height by at most this factor.</summary>
        public double SiblingMaxSizeRatio { get; init; } = 1.4;

        /// <summary>A word box this share of the candidate's area or more is not worth trimming: the box is already the line.</summary>
        public double WorthTrimming { get; init; } = 0.8;

        /// <summary>Pixels of slack kept around the words' box (antialiased rims, accents, a thin end character).</summary>
        public int TrimSlack { get; init; } = 2;

        /// <summary>Plus this share of the words' height across the line.</summary>
        public Fraction TrimAcrossShare { get; init; } = new(1, 8);

        /// <summary>Plus this share of the words' height along the line.</summary>
        public Fraction TrimAlongShare { get; init; } = new(1, 4);
    }
}
