namespace RadAnon.Core.Pixels.Text;

/// <summary>
/// A character or two of no identifying kind, read from one shape or from shapes that are not one font in one colour:
/// a character or two identifies no one, and a device (a compression paddle, a clip) is more often read so than text
/// is. It goes as a lone unread blob does: redacted only in line with a redacted line.
/// </summary>
internal sealed class FewNonIdentifyingCharacters : ICandidateRule
{
    public string Name => "few-non-identifying-characters";

    public bool Apply(CandidateState state, DecisionContext context)
    {
        if (state.Category != TextCategory.OtherText || (state.Line.GlyphCount != 1 && state.Line.Uniform)
            || state.ReadCharacters > TextThresholds.Default.Rules.MaxLoneGlyphCharacters)
        {
            return false;
        }

        state.LoneUnread = true;
        return true;
    }
}
