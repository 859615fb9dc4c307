namespace RadAnon.Core.Pixels.Text;

// Reading a candidate with OCR and judging what it says.
internal sealed partial record TextThresholds
{
    /// <summary>Used by <see cref="CandidateReader"/>, <see cref="TextClassifier"/>, <see cref="HeaderValueMatcher"/>, <see cref="EndMarkerReader"/> and <see cref="MarkerSplitter"/>.</summary>
    public sealed record ReadingThresholds
    {
        /// <summary>Words below this confidence count as unreadable, never as markers (the default of the option).</summary>
        public float MinWordConfidence { get; init; } = 55;

        /// <summary>A line shaped like a measurement ("12.5 cm", typically read at 40-50) is believed from this confidence.</summary>
        public float MeasurementConfidenceFloor { get; init; } = 35;

        /// <summary>A marker word must be read at least this confidently to be kept apart from the text around it.</summary>
        public float ConfidentMarker { get; init; } = 80;

        /// <summary>Glyph height the OCR crop is scaled to: Tesseract reads capitals of about this size best.</summary>
        public int OcrGlyphHeight { get; init; } = 36;

        /// <summary>Glyph height of the second reading of a weakly read line, where thin strokes and punctuation survive.</summary>
        public int RetryGlyphHeight { get; init; } = 56;

        /// <summary>A line whose weakest word is read below this confidence gets the larger second reading.</summary>
        public float RetryBelowConfidence { get; init; } = 70;

        /// <summary>A lone glyph read as one character with this score or more is not read again as a word.</summary>
        public double SingleCharacterAccept { get; init; } = 60;

        /// <summary>Least white border around an OCR crop: Tesseract misreads glyphs that touch the crop's edge.</summary>
        public int CropBorder { get; init; } = 12;

        /// <summary>Largest OCR crop in pixels: bounds the memory and time of one reading.</summary>
        public int MaxCropPixels { get; init; } = 4_000_000;

        /// <summary>Glyph height assumed at least when cropping, so the padding and element never vanish.</summary>
        public int MinCropGlyph { get; init; } = 4;

        /// <summary>Least padding around a candidate's box in its OCR crop.</summary>
        public int MinCropPad { get; init; } = 3;

        /// <summary>The crop's hat element radius is this share of the glyph (plus one): no stroke is hollowed.</summary>
        public Fraction CropHatShare { get; init; } = new(1, 6);

        /// <summary>Ink weaker than one part in this many of the strongest stroke is clutter: background in the crop.</summary>
        public int ClutterDivisor { get; init; } = 5;

        /// <summary>The clutter floor is at least this contrast, so a faint crop is not stretched into noise.</summary>
        public int MinClutterFloor { get; init; } = 6;

        /// <summary>Ink above this share of the strongest stroke is full ink: glyphs come out bold whatever their contrast.</summary>
        public double FullInkShare { get; init; } = 0.6;

        /// <summary>The crop's ink is stretched over at least this many levels, so a near-flat crop is not amplified.</summary>
        public int MinInkSpan { get; init; } = 4;

        /// <summary>A line's end word this short (or shorter) may be a small marker read badly with the line.</summary>
        public int EndMaxLetters { get; init; } = 2;

        /// <summary>The end word stands apart when its gap is at least this share of its neighbour's height.</summary>
        public Fraction EndMinGapShare { get; init; } = new(1, 3);

        /// <summary>Ink beyond the gap narrower than this is no glyph to read on its own.</summary>
        public int EndMinWidth { get; init; } = 3;

        /// <summary>Ink beyond the gap taller than this share of the line's glyphs is the line's own text, not a small marker.</summary>
        public Fraction EndMarkerMaxHeight { get; init; } = new(2, 3);

        /// <summary>A marker at a line's end stands apart when its gap is at least this many marker heights (no word space).</summary>
        public double StandAloneGap { get; init; } = 0.8;

        /// <summary>Or when heights differ by this factor: two pieces of text, not one line.</summary>
        public double SizeRatio { get; init; } = 1.3;

        /// <summary>With such a size difference the gap need only be this many heights of the smaller.</summary>
        public double SizedApartGap { get; init; } = 0.4;

        /// <summary>A marker split from its line keeps this share of its height as a margin around its word box.</summary>
        public Fraction MarkerMarginShare { get; init; } = new(1, 4);

        /// <summary>A reading of at most this many words may be a marker misread and worth a second reading.</summary>
        public int NearMarkerMaxWords { get; init; } = 2;

        /// <summary>A marker misread by one edit per this share of its letters (at least one) counts as near it.</summary>
        public Fraction NearMarkerEditShare { get; init; } = new(1, 4);

        /// <summary>A word with this many digits is an ID (record and accession numbers).</summary>
        public int IdMinDigits { get; init; } = 4;

        /// <summary>Or a code of this many digits with a letter...</summary>
        public int CodeMinDigits { get; init; } = 3;

        /// <summary>...at least this long.</summary>
        public int CodeMinLength { get; init; } = 5;

        /// <summary>A name-like word must have this many letters to count as residual on its own; shorter ones identify no one.</summary>
        public int ResidualNameMinLetters { get; init; } = 4;

        /// <summary>And be read this confidently: OCR of a smooth fill yields short weak "words".</summary>
        public float ResidualNameMinConfidence { get; init; } = 70;

        /// <summary>Header values this long match an OCR word one edit away (0/O, 1/I, 5/S slips).</summary>
        public int FuzzyMatchMinLength { get; init; } = 5;
    }
}
