using RadAnon.Core.Pixels.Text.Learned;

namespace RadAnon.Core.Pixels.Text;

/// <summary>
/// A region redacted on weak evidence (nothing read, a clinical word, a name read no more confidently than anatomy
/// sometimes reads) is painted only where the learned detector sees text of its size: what nothing identifying was read
/// from is left alone unless a second, independent signal says it is text. Small regions the overview shrinks too far
/// are looked at again in crops around them first. Every surviving region notes whether the model saw it.
/// </summary>
internal sealed class LearnedSupport : IBoardRule
{
    public string Name => "learned-support";

    public void Apply(DecisionBoard board)
    {
        var context = board.Context;
        var needing = board.Survivors.Where(x => NeedsSupport(x.Region)).ToList();
        var passes = needing
            .Select(x => LearnedPassPlan.Around(x.Region.Box, x.Region.GlyphHeight, context.Width, context.Height, context.Learned.Settings))
            .OfType<LearnedPass>()
            .ToList();
        if (passes.Count > 0)
        {
            board.Map = board.Map.With(context.Learned.Detect(context.View, context.Width, context.Height, MergePasses(passes)));
        }

        var t = RuleThresholds.Default;
        board.Survivors = board.Survivors
            .Select(x => (x.Candidate, Region: x.Region with { SeenByLearnedDetector = board.Map.Coverage(x.Region.Box, MaxThickness(x.Region)) >= t.MinLearnedCoverage }))
            .Where(x => x.Region.SeenByLearnedDetector || !NeedsSupport(x.Region))
            .ToList();
    }

    /// <summary>Redacted on evidence that is not identifying by itself.</summary>
    internal static bool NeedsSupport(TextRegion r) => r.Action == RegionAction.Redacted && r.Category switch
    {
        TextCategory.Unreadable or TextCategory.OtherText => true,
        TextCategory.Name => r.Confidence < RuleThresholds.Default.SoftReadingConfidence,
        _ => false,
    };

    private static int MaxThickness(TextRegion r) =>
        (int)Math.Ceiling(RuleThresholds.Default.MaxLearnedThicknessRatio * Math.Max(r.GlyphHeight, Math.Min(r.Box.Width, r.Box.Height)));

    /// <summary>Crops of about the same scale (within half an octave) that overlap are run as one pass over their union.</summary>
    private static List<LearnedPass> MergePasses(List<LearnedPass> passes)
    {
        var merged = new List<LearnedPass>();
        foreach (var group in passes.GroupBy(p => Math.Round(Math.Log2(p.Scale) * 2)))
        {
            var scale = group.Max(p => p.Scale);
            merged.AddRange(PixelBox.MergeOverlapping(group.Select(p => p.Source)).Select(box => LearnedPass.At(box, scale)));
        }

        return merged;
    }
}
