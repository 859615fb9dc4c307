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
        var (kept, map) = Supported(board.Survivors.Select(x => x.Region).ToList(), board.Map, board.Context);
        board.Survivors = kept.Select(k => (board.Survivors[k.Index].Candidate, k.Region)).ToList();
        board.Map = map;
    }

    /// <summary>
    /// The regions that stand (with their index in <paramref name="regions"/>): those redacted on identifying evidence,
    /// and those needing support that the learned map (with crops run now for the small ones) sees as text of their
    /// size; each notes whether the model saw it.
    /// </summary>
    public static (List<(int Index, TextRegion Region)> Kept, TextProbabilityMap Map) Supported(
        IReadOnlyList<TextRegion> regions, TextProbabilityMap map, DecisionContext context)
    {
        var needing = regions.Where(NeedsSupport).ToList();
        map = WithCrops(map, needing.Select(r => LearnedPassPlan.Around(r.Box, r.GlyphHeight, context.Width, context.Height, context.Learned.Settings)), context);

        // What the model has not seen at the scale it was shown gets one closer look: two lines grouped as one, or text
        // drawn faintly, can be too small for the overview while the grouped glyph height says otherwise.
        map = WithCrops(map, needing.Where(r => !IsSeen(r, map))
            .Select(r => LearnedPassPlan.Closer(r.Box, r.GlyphHeight, context.Width, context.Height, context.Learned.Settings)), context);
        var kept = regions
            .Select((r, i) => (Index: i, Region: r with { SeenByLearnedDetector = IsSeen(r, map) }))
            .Where(x => x.Region.SeenByLearnedDetector || !NeedsSupport(x.Region))
            .ToList();
        return (kept, map);
    }

    /// <summary>Learned boxes of the region's own size cover enough of it: not much thicker than its line, nor much thinner than its glyphs.</summary>
    private static bool IsSeen(TextRegion r, TextProbabilityMap map)
    {
        var t = TextThresholds.Default.Rules;
        var across = Math.Max(r.GlyphHeight, Math.Min(r.Box.Width, r.Box.Height));
        var thickest = (int)Math.Ceiling(t.MaxLearnedThicknessRatio * across);
        var thinnest = (int)Math.Floor(r.GlyphHeight / t.MaxLearnedThicknessRatio);
        return map.Coverage(r.Box, thinnest, thickest) >= t.MinLearnedCoverage;
    }

    /// <summary>Redacted on evidence that is not identifying by itself.</summary>
    internal static bool NeedsSupport(TextRegion r) => r.Action == RegionAction.Redacted && r.Category switch
    {
        TextCategory.Unreadable or TextCategory.OtherText => true,
        TextCategory.Name => true,
        _ => false,
    };

    private static TextProbabilityMap WithCrops(TextProbabilityMap map, IEnumerable<LearnedPass?> passes, DecisionContext context)
    {
        var run = passes.OfType<LearnedPass>().ToList();
        return run.Count == 0 ? map : map.With(context.Learned.Detect(context.View, context.Width, context.Height, MergePasses(run)));
    }

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
