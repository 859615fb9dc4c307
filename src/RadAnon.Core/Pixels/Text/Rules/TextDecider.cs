namespace RadAnon.Core.Pixels.Text;

/// <summary>
/// Decides every candidate of an image: reads each (evidence), runs the ordered candidate rules on it, reads the
/// opposite-polarity echoes that the lines they echo do not account for, then runs the ordered rules over all candidates
/// and over the surviving regions. The order is the design: each rule's file says why it exists.
/// </summary>
internal static class TextDecider
{
    /// <summary>Per candidate, in order; the first that decides ends the chain (the last always decides).</summary>
    private static readonly ICandidateRule[] CandidateRules =
    [
        new UnreadShapeIsNotText(),
        new WeakLineInsideLarger(),
        new FewNonIdentifyingCharacters(),
        new TrimToWordsOverAnatomy(),
        new CallerVeto(),
        new MarkerSplitRule(),
        new PolicyRule(),
    ];

    /// <summary>Over all candidates, before their regions are collected.</summary>
    private static readonly IBoardRule[] CandidateSetRules = [new LoneGlyphOfLine(), new SoftEdgesAreAnatomy(), new TextureIsAnatomy()];

    /// <summary>Over the surviving regions.</summary>
    private static readonly IBoardRule[] RegionRules = [new EchoesAndSurrounds(), new MarkerInsideLine(), new FollowRedactedLines(), new LearnedSupport(), new LearnedProposals()];

    /// <summary>The names of every rule, in the order they run.</summary>
    public static IReadOnlyList<string> Order =>
        [.. CandidateRules.Select(r => r.Name), .. CandidateSetRules.Select(r => r.Name), .. RegionRules.Select(r => r.Name)];

    public static DecisionBoard Decide(IReadOnlyList<TextCandidate> candidates, DecisionContext context)
    {
        var board = new DecisionBoard(candidates, context);
        EchoPairs.Mark(board);
        ReadAndDecide(board, board.States.Where(s => s.EchoOf < 0));
        ReadAndDecide(board, board.States.Where(s => s.EchoOf >= 0 && EchoPairs.NeedsReading(board, s)).ToList());
        foreach (var rule in CandidateSetRules)
        {
            rule.Apply(board);
        }

        board.CollectSurvivors();
        foreach (var rule in RegionRules)
        {
            rule.Apply(board);
        }

        return board;
    }

    private static void ReadAndDecide(DecisionBoard board, IEnumerable<CandidateState> states) =>
        Parallel.ForEach(states, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, s =>
        {
            CandidateEvidence.Read(s, board.Candidates, board.Context);
            foreach (var rule in CandidateRules)
            {
                if (rule.Apply(s, board.Context))
                {
                    break;
                }
            }
        });
}
