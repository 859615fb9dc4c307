namespace RadAnon.Core.Pixels.Text;

/// <summary>
/// A small line left inside a larger non-uniform candidate, read as nothing or weakly as a word no header holds, goes as
/// that candidate's part would have gone: speckle in a narrow-window topogram reads as "names".
/// </summary>
internal sealed class WeakLineInsideLarger : ICandidateRule
{
    public string Name => "weak-line-inside-larger";

    public bool Apply(CandidateState state, DecisionContext context)
    {
        if (!state.IsWeak || !state.Line.InsideLarger)
        {
            return false;
        }

        state.LoneUnread = state.Line.GlyphCount == 1;
        return true;
    }
}
