namespace RadAnon.Core.Pixels.Text;

/// <summary>
/// A line to be redacted that ends in a confidently read marker (read again alone when the end word stands apart) is
/// split: the marker is kept and the rest of the line redacted, its painting stopping at the marker.
/// </summary>
internal sealed class MarkerSplitRule : ICandidateRule
{
    public string Name => TextRules.MarkerSplit;

    public bool Apply(CandidateState state, DecisionContext context)
    {
        var c = state.Line;
        if (PolicyRule.ActionFor(state.Category, context.Options) != RegionAction.Redacted || context.Options.Markers != MarkerPolicy.Keep
            || state.Category == TextCategory.Unreadable)
        {
            return false;
        }

        var reading = EndMarkerReader.Reread(c, state.Reading, context.Reader, context.Classifier, context.View, context.Width, context.Height, context.StrokeContrast);
        if (MarkerSplitter.TrySplit(c, reading, context.Classifier) is not { } split)
        {
            return false;
        }

        var rest = context.Classifier.Classify(split.RestWords);
        state.SplitMarker = new TextRegion
        {
            Box = split.Marker, Rotation = 0, Category = TextCategory.Marker, Action = RegionAction.Kept, Method = null,
            Confidence = split.MarkerConfidence, GlyphHeight = split.Marker.Height, PaintedBox = split.Marker, SplitFromLine = true, Rule = Name,
        };
        state.Region = new TextRegion
        {
            Box = split.Rest, Rotation = 0, Category = rest.Category, Action = RegionAction.Redacted, Method = context.Options.Redaction,
            Confidence = rest.Confidence, GlyphHeight = c.GlyphHeight, Rule = Name,
            PaintedBox = BurnedInTextCleaner.PaintedBeside(c with { Box = split.Rest }, [split.Marker], context.Width, context.Height),
        };
        return true;
    }
}
