using RadAnon.Core.Pixels.Text.Learned;

namespace RadAnon.Core.Pixels.Text;

/// <summary>
/// Every candidate of one image with its evidence and decision, then (once the per-candidate rules and the rules over
/// candidates have run) the regions that survive as (line, region) pairs for the rules over regions.
/// </summary>
internal sealed class DecisionBoard
{
    public DecisionBoard(IReadOnlyList<TextCandidate> candidates, DecisionContext context)
    {
        Candidates = candidates;
        Context = context;
        States = candidates.Select((c, i) => new CandidateState(i, c)).ToList();
        Map = context.Overview;
    }

    public IReadOnlyList<TextCandidate> Candidates { get; }

    public DecisionContext Context { get; }

    public IReadOnlyList<CandidateState> States { get; }

    /// <summary>The regions still standing, each with the line it was decided as; empty until <see cref="CollectSurvivors"/>.</summary>
    public List<(TextCandidate Candidate, TextRegion Region)> Survivors { get; set; } = [];

    /// <summary>Where the detector found each survivor, before its line was followed (for echo pairs); parallel to <see cref="Survivors"/>.</summary>
    public List<PixelBox> SurvivorsDetected { get; set; } = [];

    /// <summary>The learned map with any crop passes the rules asked for.</summary>
    public TextProbabilityMap Map { get; set; }

    /// <summary>Turns the decided candidates (and the markers split off lines) into survivors.</summary>
    public void CollectSurvivors()
    {
        var present = States.Where(s => s.Region is not null).ToList();
        var splits = States.Where(s => s.SplitMarker is not null).ToList();
        Survivors = [.. present.Select(s => (s.Line, s.Region!)),
            .. splits.Select(s => (s.Line with { Box = s.SplitMarker!.Box, GlyphCount = 1 }, s.SplitMarker!))];
        SurvivorsDetected = [.. present.Select(s => s.Detected.Box), .. splits.Select(s => s.SplitMarker!.Box)];
    }
}
