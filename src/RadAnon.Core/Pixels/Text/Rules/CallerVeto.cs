namespace RadAnon.Core.Pixels.Text;

/// <summary>A region the options would redact that lies (at least half of it) inside a box the caller vetoed is left alone.</summary>
internal sealed class CallerVeto : ICandidateRule
{
    public string Name => TextRules.CallerVeto;

    public bool Apply(CandidateState state, DecisionContext context)
    {
        var box = state.Line.Box;
        if (PolicyRule.ActionFor(state.Category, context.Options) != RegionAction.Redacted
            || !context.Options.VetoRegions.Any(v => v.Intersect(box).Area >= TextThresholds.Default.Rules.VetoCoverage * box.Area))
        {
            return false;
        }

        state.Region = PolicyRule.RegionFor(state, RegionAction.Vetoed, Name, context);
        return true;
    }
}
