using RadAnon.Core.Pixels.Text;
using RadAnon.SyntheticData.Scoring;

namespace RadAnon.SyntheticData;

/// <summary>Scores a cleaning result against the generator's ground truth.</summary>
public sealed class SyntheticEvaluation
{
    public int IdentifyingTotal { get; private set; }

    public int IdentifyingRemoved { get; private set; }

    public int MarkersTotal { get; private set; }

    public int MarkersKept { get; private set; }

    public int RedactedRegions { get; private set; }

    public int RedactedOnText { get; private set; }

    public long BackgroundPixels { get; private set; }

    public long BackgroundChanged { get; private set; }

    public int Unreadable { get; private set; }

    public List<string> Misses { get; } = [];

    /// <summary>Redacted regions that touch no ground-truth text: where, category and size only.</summary>
    public List<string> FalsePositives { get; } = [];

    /// <summary>Collateral pixels per redacted region (pixels, description), to see which decisions cost most.</summary>
    public List<(long Pixels, string Region)> CollateralByRegion { get; } = [];

    /// <summary>Collateral of each image on its own (the pooled <see cref="Collateral"/> hides the worst ones).</summary>
    public CollateralStats PerImage { get; } = new();

    public double Recall => IdentifyingTotal == 0 ? 1 : IdentifyingRemoved / (double)IdentifyingTotal;

    public double Precision => RedactedRegions == 0 ? 1 : RedactedOnText / (double)RedactedRegions;

    public double MarkerRetention => MarkersTotal == 0 ? 1 : MarkersKept / (double)MarkersTotal;

    public double Collateral => BackgroundPixels == 0 ? 0 : BackgroundChanged / (double)BackgroundPixels;

    public void Add(SyntheticCase c, TextCleaningResult result)
    {
        var w = c.Image.Width;
        var h = c.Image.Height;
        var painted = new bool[w * h];
        foreach (var r in result.Regions.Where(r => r.Action == RegionAction.Redacted))
        {
            var b = r.PaintedBox!.Value;
            for (var y = b.Y; y < b.Bottom; y++)
            {
                for (var x = b.X; x < b.Right; x++)
                {
                    painted[(y * w) + x] = true;
                }
            }
        }

        foreach (var t in c.Truth)
        {
            long covered = 0;
            for (var y = t.Y; y < t.Y + t.Height; y++)
            {
                for (var x = t.X; x < t.X + t.Width; x++)
                {
                    covered += painted[(y * w) + x] ? 1 : 0;
                }
            }

            var share = covered / (double)(t.Width * t.Height);
            if (t.Identifying)
            {
                IdentifyingTotal++;
                if (share >= 0.98)
                {
                    IdentifyingRemoved++;
                }
                else
                {
                    Misses.Add($"seed {c.Seed} {t.Kind} at {t.X},{t.Y} {t.Width}x{t.Height} h={t.GlyphHeight} rot={t.Rotated} light={t.LightOnDark} covered={share:0.00}");
                }
            }
            else
            {
                MarkersTotal++;
                if (share < 0.2)
                {
                    MarkersKept++;
                }
                else
                {
                    var tb = new PixelBox(t.X, t.Y, t.Width, t.Height);
                    var by = string.Join("; ", result.Regions.Where(r => r.Action == RegionAction.Redacted && r.PaintedBox!.Value.Intersects(tb))
                        .Select(r => $"{r.Category} {r.Box.X},{r.Box.Y} {r.Box.Width}x{r.Box.Height} g={r.GlyphHeight} rot={r.Rotation} conf={r.Confidence:0}"));
                    Misses.Add($"seed {c.Seed} marker at {t.X},{t.Y} {t.Width}x{t.Height} h={t.GlyphHeight} removed (covered={share:0.00}) by {by}");
                }
            }
        }

        foreach (var r in result.Regions.Where(r => r.Action == RegionAction.Redacted && r.Category != TextCategory.CallerRegion))
        {
            RedactedRegions++;
            if (c.Truth.Any(t => r.Box.Intersects(new PixelBox(t.X, t.Y, t.Width, t.Height))))
            {
                RedactedOnText++;
            }
            else
            {
                FalsePositives.Add($"seed {c.Seed} {r.Category} at {r.Box.X},{r.Box.Y} {r.Box.Width}x{r.Box.Height} g={r.GlyphHeight} conf={r.Confidence:0}");
            }
        }

        Unreadable += result.UnreadableCount;

        // Collateral: pixels changed outside every text box grown by a generous margin, over all such pixels.
        var text = new bool[w * h];
        foreach (var t in c.Truth)
        {
            var m = 3 + (t.GlyphHeight / 2);
            var b = new PixelBox(t.X, t.Y, t.Width, t.Height).Inflate(m, w, h);
            for (var y = b.Y; y < b.Bottom; y++)
            {
                for (var x = b.X; x < b.Right; x++)
                {
                    text[(y * w) + x] = true;
                }
            }
        }

        var (outside, changed) = TruthMasks.Collateral(c.Image, result.Image, text);
        BackgroundPixels += outside;
        BackgroundChanged += changed;
        PerImage.Add(c.Seed, outside == 0 ? 0 : changed / (double)outside);

        foreach (var r in result.Regions.Where(r => r.Action == RegionAction.Redacted))
        {
            var b = r.PaintedBox!.Value;
            long inRegion = 0;
            for (var y = b.Y; y < b.Bottom; y++)
            {
                for (var x = b.X; x < b.Right; x++)
                {
                    inRegion += !text[(y * w) + x] && c.Image[x, y] != result.Image[x, y] ? 1 : 0;
                }
            }

            if (inRegion > 0)
            {
                CollateralByRegion.Add((inRegion, $"seed {c.Seed} {r.Category} at {r.Box.X},{r.Box.Y} {r.Box.Width}x{r.Box.Height} painted {b.X},{b.Y} {b.Width}x{b.Height} g={r.GlyphHeight} rot={r.Rotation} conf={r.Confidence:0}"));
            }
        }
    }

    public override string ToString() => FormattableString.Invariant(
        $"identifying recall {Recall:0.000} ({IdentifyingRemoved}/{IdentifyingTotal}), region precision {Precision:0.000} ({RedactedOnText}/{RedactedRegions}), markers kept {MarkerRetention:0.000} ({MarkersKept}/{MarkersTotal}), collateral {Collateral:P3} (per image p95 {PerImage.P95:P3}, max {PerImage.Max:P3}), unreadable regions {Unreadable}");
}
