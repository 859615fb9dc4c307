namespace RadAnon.Core.Pixels.Text;

/// <summary>
/// What the options say of a reading: identifying and unread text is redacted; a marker is kept (unless markers are to
/// be removed); other clinical text is redacted, or kept when only identifying text is to go. The last candidate rule.
/// </summary>
internal sealed class PolicyRule : ICandidateRule
{
    public string Name => TextRules.Policy;

    public bool Apply(CandidateState state, DecisionContext context)
    {
        state.Region = RegionFor(state, ActionFor(state.Category, context.Options), Name, context);
        return true;
    }

    public static RegionAction ActionFor(TextCategory category, TextCleaningOptions options) => category switch
    {
        TextCategory.Marker => options.Markers == MarkerPolicy.Keep ? RegionAction.Kept : RegionAction.Redacted,
        TextCategory.OtherText => options.Text == TextPolicy.Identifying ? RegionAction.Kept : RegionAction.Redacted,
        _ => RegionAction.Redacted,
    };

    /// <summary>The region of a read line with the given action; also notes when its reading is only a letter or two of a non-uniform line.</summary>
    public static TextRegion RegionFor(CandidateState state, RegionAction action, string rule, DecisionContext context)
    {
        var c = state.Line;
        // A letter or two Tesseract made of a line that is not one font in one colour (a bone tip grouped with a marker's
        // box) is no better evidence of text than a weak reading, however confident it says it is.
        state.FewLetters = !c.Uniform && state.Words.Sum(w => w.Text.Count(char.IsLetterOrDigit)) <= TextThresholds.Default.Rules.MaxLoneGlyphCharacters;
        return new TextRegion
        {
            Box = c.Box,
            Rotation = state.Reading.Rotation,
            Category = state.Category,
            Action = action,
            Method = action == RegionAction.Redacted ? context.Options.Redaction : null,
            Confidence = state.Confidence,
            GlyphHeight = c.GlyphHeight,
            PaintedBox = BurnedInTextCleaner.Painted(c, context.Width, context.Height),
            Rule = rule,
        };
    }
}
