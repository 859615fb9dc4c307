namespace RadAnon.Core.Pixels.Text;

/// <summary>
/// A line read confidently whose box reaches across its words into smooth anatomy the grouping took in is cut back to
/// its words' box (see <see cref="AnatomyTrim"/>). It decides nothing; later rules see the trimmed line.
/// </summary>
internal sealed class TrimToWordsOverAnatomy : ICandidateRule
{
    public string Name => "trim-to-words-over-anatomy";

    public bool Apply(CandidateState state, DecisionContext context)
    {
        if (state.Category is not TextCategory.Unreadable and not TextCategory.Marker && state.Confidence >= TextThresholds.Default.Rules.SoftReadingConfidence
            && AnatomyTrim.ToWords(state.Line, state.Reading, context.View, context.Width, context.Height, context.InkThreshold, context.StrokeContrast) is { } trimmed)
        {
            state.Line = state.Line with { Box = trimmed };
        }

        return false;
    }
}
