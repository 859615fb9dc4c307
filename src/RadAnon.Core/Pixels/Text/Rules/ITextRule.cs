namespace RadAnon.Core.Pixels.Text;

/// <summary>A rule over one candidate's evidence: it either decides the candidate (true: later rules do not run) or passes.</summary>
internal interface ICandidateRule
{
    /// <summary>The rule's name, as reports give it when it decided a region.</summary>
    string Name { get; }

    bool Apply(CandidateState state, DecisionContext context);
}

/// <summary>A rule over every candidate of the image at once (what readings mean together).</summary>
internal interface IBoardRule
{
    string Name { get; }

    void Apply(DecisionBoard board);
}
