using RadAnon.SyntheticData.Captures;

namespace RadAnon.Core.Tests.Generators;

/// <summary>The viewer-screenshot generator: deterministic, its truth inside the image and covering every field.</summary>
public sealed class ScreenshotGeneratorTests
{
    private static readonly string[] IdentifyingFields = ["name", "id", "birth", "study-date", "study-time", "accession", "institution", "referrer"];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Generate_SameSeed_SamePixelsAndTruth(int seed)
    {
        var a = ScreenshotGenerator.Generate(seed);
        var b = ScreenshotGenerator.Generate(seed);

        Assert.Equal(a.Image.Data, b.Image.Data);
        Assert.Equal(a.Truth, b.Truth);
    }

    [Fact]
    public void Generate_DifferentSeeds_DifferentScreens()
    {
        Assert.NotEqual(CaptureCache.Screen(1).Image.Data, CaptureCache.Screen(2).Image.Data);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(4)]
    public void Generate_TruthBoxesLieInsideTheImage_AndSizeIsAViewerSize(int seed)
    {
        var c = CaptureCache.Screen(seed);

        Assert.InRange(c.Image.Width, 1280, 1920);
        Assert.InRange(c.Image.Height, 900, 1080);
        Assert.NotEmpty(c.Truth);
        Assert.All(c.Truth, t =>
        {
            Assert.False(t.Box.IsEmpty);
            Assert.True(t.Box.X >= 0 && t.Box.Y >= 0 && t.Box.Right <= c.Image.Width && t.Box.Bottom <= c.Image.Height, $"{t.Field} box {t.Box} outside");
            Assert.True(t.GlyphHeight >= 8, $"{t.Field} glyph height {t.GlyphHeight}");
        });
    }

    [Fact]
    public void Generate_AFewSeeds_ShowEveryIdentifyingFieldMarkersAndOtherText()
    {
        var truth = Enumerable.Range(1, 4).SelectMany(s => CaptureCache.Screen(s).Truth).ToList();

        var shown = truth.Where(t => t.Kind == LineKind.Identifying).Select(t => t.Field).ToHashSet();
        Assert.All(IdentifyingFields, f => Assert.Contains(f, shown));
        Assert.Contains(truth, t => t.Kind == LineKind.Marker);
        foreach (var field in new[] { "wl", "zoom", "counter", "exposure" })
        {
            Assert.Contains(truth, t => t.Kind == LineKind.UiOther && t.Field == field);
        }
    }

    [Fact]
    public void Generate_OverlayText_ComesInSeveralColours()
    {
        var colours = Enumerable.Range(1, 6).SelectMany(s => CaptureCache.Screen(s).Truth)
            .Where(t => t.Field is "wl" or "zoom" or "exposure").Select(t => t.Colour).Distinct().Count();

        Assert.True(colours >= 3, $"{colours} overlay colours");
    }

    /// <summary>
    /// An identifying line over a marker would make removing one and keeping the other contradictory. Only a generator
    /// marker that landed under an overlay line may overlap, and it is then scored as other text.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    public void Generate_TruthLines_DoNotOverlapEachOther(int seed)
    {
        var truth = CaptureCache.Screen(seed).Truth.Where(t => !(t.Kind == LineKind.UiOther && t.Field == "marker")).ToList();

        for (var i = 0; i < truth.Count; i++)
        {
            for (var j = i + 1; j < truth.Count; j++)
            {
                Assert.False(truth[i].Box.Intersects(truth[j].Box), $"{truth[i].Field} {truth[i].Box} overlaps {truth[j].Field} {truth[j].Box}");
            }
        }
    }
}
