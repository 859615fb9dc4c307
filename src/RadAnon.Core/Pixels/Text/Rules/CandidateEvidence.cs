namespace RadAnon.Core.Pixels.Text;

/// <summary>Reads one candidate and records what it reads as: the evidence every rule then works from.</summary>
internal static class CandidateEvidence
{
    /// <summary>
    /// The line is followed along its ink first (see LineContinuation), so a first or last letter the grouping left out
    /// (the L of "LAT" on its own) is read with the rest; neighbouring lines are cleared from its crop.
    /// </summary>
    public static void Read(CandidateState state, IReadOnlyList<TextCandidate> candidates, DecisionContext context)
    {
        var detected = state.Detected;
        var c = state.Line = detected with { Box = LineContinuation.Extend(detected, context.View, context.Width, context.Height, context.Noise, []).Box };
        var neighbours = BurnedInTextCleaner.Neighbours(detected, c.Box, candidates);
        var reading = context.Reader.Read(c, context.View, context.Width, context.Height, neighbours: neighbours);
        var (category, confidence) = context.Classifier.Classify(reading.Words);
        state.ReadCharacters = reading.Words.Sum(w => w.Text.Count(char.IsLetterOrDigit));
        if (NeedsInkReading(c, category, reading, context) && ReadAtInk(c, neighbours, context) is { } again)
        {
            (reading, category, confidence) = again;
        }

        if (category == TextCategory.Marker && BurnedInTextCleaner.HasUnreadGlyphs(c, reading.Words))
        {
            // More glyphs in the region than the marker's letters: other text (a rotated line crossing it) shares the
            // box, and keeping the marker would keep that text too. Fail closed: it is unread text.
            category = TextCategory.Unreadable;
        }

        (state.Reading, state.Category, state.Confidence) = (reading, category, confidence);
    }

    /// <summary>
    /// A near-marker or unread short line gets a second reading at its own ink value: a marker across a collimation edge
    /// loses the strokes on the bright side to the hat (LAT read "LAI"); a near-marker reading gets it even when the line
    /// is not one ink (a big word over bone missing its first letter). An unread line that is not one ink is anatomy.
    /// </summary>
    private static bool NeedsInkReading(TextCandidate c, TextCategory category, CandidateReading reading, DecisionContext context) =>
        category is TextCategory.Name or TextCategory.OtherText or TextCategory.Unreadable && !c.Vertical && (c.Uniform || category != TextCategory.Unreadable)
        && (category == TextCategory.Unreadable || context.Classifier.IsNearMarker(reading.Words));

    /// <summary>The reading at the line's ink value, taken only when it is a marker with no unread glyphs beside it.</summary>
    private static (CandidateReading, TextCategory, float)? ReadAtInk(TextCandidate c, List<PixelBox> neighbours, DecisionContext context)
    {
        if (!LineContinuation.TryInkLevel(c.Box, context.View, context.Width, c.Polarity == TextPolarity.LightOnDark, context.Noise, out var inkValue, out var tolerance))
        {
            return null;
        }

        var again = context.Reader.Read(c, context.View, context.Width, context.Height, new InkLevel(inkValue, tolerance), neighbours);
        var (category, confidence) = context.Classifier.Classify(again.Words);
        return category == TextCategory.Marker && !BurnedInTextCleaner.HasUnreadGlyphs(c, again.Words) ? (again, category, confidence) : null;
    }
}
