using RadAnon.Core.Pixels;
using RadAnon.Core.Pixels.Text;
using RadAnon.SyntheticData.Captures;
using RadAnon.SyntheticData.Scoring;

namespace RadAnon.Core.Tests.Generators;

/// <summary>The capture scoring on hand-made results: recall, markers kept and per-image collateral count what they say.</summary>
public sealed class CaptureEvaluationTests
{
    private static readonly LineTruth Name = new(new PixelBox(10, 10, 40, 10), "X", LineKind.Identifying, "name", 10, Rgb.Gray(255));
    private static readonly LineTruth Marker = new(new PixelBox(60, 60, 20, 20), "L", LineKind.Marker, "marker", 20, Rgb.Gray(255));
    private static readonly LineTruth Zoom = new(new PixelBox(10, 80, 30, 10), "Z", LineKind.UiOther, "zoom", 10, Rgb.Gray(255));

    [Fact]
    public void Add_NameFullyPainted_MarkerUntouched_CountsRemovedAndKept_NoCollateral()
    {
        var before = GrayImage.Create8(100, 100);
        var score = new CaptureEvaluation();

        score.Add(1, before, [Name, Marker, Zoom], Result(before, new PixelBox(8, 8, 44, 14)));

        Assert.Equal((1, 1), (score.IdentifyingRemoved, score.IdentifyingTotal));
        Assert.Equal((1, 1), (score.MarkersKept, score.MarkersTotal));
        Assert.Equal(0, score.Collateral.Max);
        Assert.Empty(score.Misses);
    }

    [Fact]
    public void Add_NameHalfPainted_IsAMiss_ReportedWithoutText()
    {
        var before = GrayImage.Create8(100, 100);
        var score = new CaptureEvaluation();

        score.Add(7, before, [Name], Result(before, new PixelBox(10, 10, 20, 10)));

        Assert.Equal(0, score.IdentifyingRemoved);
        var miss = Assert.Single(score.Misses);
        Assert.StartsWith("seed 7 missed name", miss, StringComparison.Ordinal);
        Assert.DoesNotContain("X", miss, StringComparison.Ordinal);
    }

    [Fact]
    public void Add_PaintingOverMarkerAndBackground_LosesTheMarker_AndCountsCollateralOutsideTextOnly()
    {
        var before = GrayImage.Create8(100, 100);
        var score = new CaptureEvaluation();

        // The whole right half painted: the marker (and its margin) and 50 columns of background.
        score.Add(2, before, [Name, Marker, Zoom], Result(before, new PixelBox(50, 0, 50, 100)));

        Assert.Equal(0, score.MarkersKept);
        var text = TruthMasks.Text([(Name.Box, 10), (Marker.Box, 20), (Zoom.Box, 10)], 100, 100);
        var outsideText = text.Count(t => !t);
        var changedOutside = Enumerable.Range(0, 100 * 100).Count(i => i % 100 >= 50 && !text[i]);
        Assert.Equal(changedOutside / (double)outsideText, score.Collateral.Max, 9);
    }

    [Fact]
    public void CollateralStats_ReportMeanP95MaxAndWorstBySeed()
    {
        var stats = new CollateralStats();
        for (var seed = 1; seed <= 20; seed++)
        {
            stats.Add(seed, seed / 100.0);
        }

        Assert.Equal(0.105, stats.Mean, 9);
        Assert.Equal(0.19, stats.P95, 9);
        Assert.Equal(0.20, stats.Max, 9);
        Assert.Equal([20, 19], stats.Worst(2).Select(w => w.Seed));
    }

    /// <summary>A result whose one redacted region painted <paramref name="painted"/> white.</summary>
    private static TextCleaningResult Result(GrayImage before, PixelBox painted)
    {
        var after = before.Clone();
        for (var y = painted.Y; y < painted.Bottom; y++)
        {
            for (var x = painted.X; x < painted.Right; x++)
            {
                after[x, y] = 255;
            }
        }

        var region = new TextRegion
        {
            Box = painted, Rotation = 0, Category = TextCategory.Name, Action = RegionAction.Redacted, Method = RedactionMethod.Fill,
            Confidence = 90, GlyphHeight = 10, PaintedBox = painted,
        };
        return new TextCleaningResult
        {
            Image = after, Regions = [region], Verification = new VerificationOutcome("none", false, false, 0), OcrEngine = "test",
            Timings = new StageTimings(0, 0, 0, 0),
        };
    }
}
