using RadAnon.Core.Pixels.Text.Learned;

namespace RadAnon.Core.Pixels.Text;

/// <summary>
/// A region redacted on weak evidence (nothing read, a clinical word, a name read less than strongly) is painted only where the learned detector sees text of its size: what nothing identifying was read
/// from is left alone unless a second, independent signal says it is text. Small regions the overview shrinks too far
/// are looked at again in crops around them first. Of a region the model does not see as text of its size, only the
/// learned text boxes inside it are painted. Every surviving region notes whether the model saw it.
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
        var markers = regions.Where(r => r.Action == RegionAction.Kept).Select(r => r.Box).ToList();
        var kept = regions.SelectMany((r, i) => Standing(r, map, markers, context).Select(s => (Index: i, Region: s))).ToList();
        return (kept, map);
    }

    /// <summary>
    /// The region whole when it needs no support or the model sees text of its size over it; otherwise, when OCR read words
    /// from it (so two signals agree that text is there), only the learned text boxes over it (a block of labels and icons grouped as one tall "line": its labels), each painted with
    /// a stroke's margin, never over a kept marker; nothing when the model sees no text there.
    /// </summary>
    private static IEnumerable<TextRegion> Standing(TextRegion r, TextProbabilityMap map, IReadOnlyList<PixelBox> markers, DecisionContext context)
    {
        var seen = IsSeen(r, map);
        if (seen || !NeedsSupport(r))
        {
            return [r with { SeenByLearnedDetector = seen }];
        }

        if (r.Category == TextCategory.Unreadable)
        {
            return [];
        }

        var margin = TextThresholds.Default.Painting.MarginPixels;
        return map.Boxes.Select(b => b.Box).Where(b => b.Intersects(r.Box) && Math.Min(b.Width, b.Height) <= Thickest(r) && !markers.Any(m => m.Intersects(b))).Distinct().Select(b => r with
        {
            Box = b, GlyphHeight = Math.Min(b.Width, b.Height), PaintedBox = b.Inflate(margin, context.Width, context.Height),
            SeenByLearnedDetector = true, Rule = TextRules.LearnedTextInside,
        });
    }

    /// <summary>Learned boxes of the region's own size cover enough of it: not much thicker than its line, nor much thinner than its glyphs.</summary>
    private static bool IsSeen(TextRegion r, TextProbabilityMap map)
    {
        var t = TextThresholds.Default.Rules;
        var thickest = Thickest(r);
        var thinnest = (int)Math.Floor(r.GlyphHeight / t.MaxLearnedThicknessRatio);
        return map.Coverage(r.Box, thinnest, thickest) >= t.MinLearnedCoverage;
    }

    /// <summary>The thickest learned box that is text of the region's size: a few times its line (a lung field is one far thicker box).</summary>
    private static int Thickest(TextRegion r) =>
        (int)Math.Ceiling(TextThresholds.Default.Rules.MaxLearnedThicknessRatio * Math.Max(r.GlyphHeight, Math.Min(r.Box.Width, r.Box.Height)));

    /// <summary>Redacted on evidence that is not identifying by itself.</summary>
    /// <remarks>A region another rule joined to a redacted line (its lone last digits, a marker-like word inside it) stands with that line.</remarks>
    internal static bool NeedsSupport(TextRegion r) => r.Action == RegionAction.Redacted && r.Rule is not (TextRules.LoneGlyphOfLine or TextRules.MarkerInsideLine) && r.Category switch
    {
        TextCategory.Unreadable or TextCategory.OtherText => true,
        TextCategory.Name => r.Confidence < TextThresholds.Default.Rules.StrongNameConfidence,
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
