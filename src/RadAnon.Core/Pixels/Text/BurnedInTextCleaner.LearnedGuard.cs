using RadAnon.Core.Pixels.Text.Learned;

namespace RadAnon.Core.Pixels.Text;

// The learned detector as the guard: a region painted on weak evidence must also be text to the learned model.
public sealed partial class BurnedInTextCleaner
{
    /// <summary>A region needing support is text when learned boxes of its size cover at least this share of it.</summary>
    private const double MinLearnedCoverage = 0.3;

    /// <summary>A learned box supports a region only when it is at most this many times the region's line thickness.</summary>
    private const double MaxLearnedThicknessRatio = 2.5;

    /// <summary>
    /// Drops redacted regions that were decided on weak evidence (nothing read, a clinical word, a name read no more
    /// confidently than anatomy sometimes reads) when the learned detector does not see text of their size there.
    /// Small regions the overview shrinks too far are looked at again in crops around them first.
    /// </summary>
    private (List<TextRegion> Regions, TextProbabilityMap Map) GuardByLearnedText(List<TextRegion> regions, TextProbabilityMap overview, byte[] view, int width, int height)
    {
        var needing = regions.Where(NeedsLearnedSupport).ToList();
        var passes = needing
            .Select(r => LearnedPassPlan.Around(r.Box, r.GlyphHeight, width, height, learned.Settings))
            .OfType<LearnedPass>()
            .ToList();
        var map = passes.Count == 0 ? overview : overview.With(learned.Detect(view, width, height, MergePasses(passes)));
        var unsupported = needing.Where(r => map.Coverage(r.Box, MaxThickness(r)) < MinLearnedCoverage).ToHashSet();
        return (regions.Where(r => !unsupported.Contains(r)).ToList(), map);
    }

    private static bool NeedsLearnedSupport(TextRegion r) => r.Action == RegionAction.Redacted && r.Category switch
    {
        TextCategory.Unreadable or TextCategory.OtherText => true,
        TextCategory.Name => r.Confidence < SoftReadingConfidence,
        _ => false,
    };

    private static int MaxThickness(TextRegion r) =>
        (int)Math.Ceiling(MaxLearnedThicknessRatio * Math.Max(r.GlyphHeight, Math.Min(r.Box.Width, r.Box.Height)));

    /// <summary>Crops of about the same scale that overlap are run as one pass over their union.</summary>
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
