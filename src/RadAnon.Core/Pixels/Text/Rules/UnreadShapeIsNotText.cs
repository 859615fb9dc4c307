namespace RadAnon.Core.Pixels.Text;

/// <summary>
/// Nothing read from shapes that are not one font in one colour (anatomy that lined up), or from one lone blob: neither
/// is text that could identify anyone. Merged bold glyphs are few large blobs too, so a few unread blobs stay text.
/// </summary>
internal sealed class UnreadShapeIsNotText : ICandidateRule
{
    public string Name => "unread-shape-is-not-text";

    public bool Apply(CandidateState state, DecisionContext context)
    {
        if (state.Category != TextCategory.Unreadable || (state.Line.Uniform && state.Line.GlyphCount != 1))
        {
            return false;
        }

        state.LoneUnread = state.Line.GlyphCount == 1;
        return true;
    }
}
