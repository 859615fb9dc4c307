using RadAnon.Core.Pixels.Text;
using RadAnon.Core.Pixels.Text.Learned;
using RadAnon.SyntheticData;

namespace RadAnon.Core.Tests.Pixels.Text.Learned;

/// <summary>The installed PP-OCRv4 detector on synthetic radiographs (the generator's truth as the oracle).</summary>
public sealed class DbNetTextDetectorTests
{
    [Fact]
    public void Detect_SyntheticRadiograph_FindsEveryIdentifyingLineTheOverviewCanSee()
    {
        var detector = LazyTextDetector.Shared;
        foreach (var seed in new[] { 1, 3, 5 })
        {
            var c = RadiographGenerator.Generate(seed, new GeneratorOptions { BitsStored = 8 });
            var overview = LearnedPassPlan.Overview(c.Image.Width, c.Image.Height, detector.Settings);

            var map = detector.Detect(c.Image.To8BitView(), c.Image.Width, c.Image.Height, [overview]);

            foreach (var t in c.Truth.Where(t => t.Identifying && t.GlyphHeight * overview.Scale >= detector.Settings.MinModelGlyph))
            {
                var box = new PixelBox(t.X, t.Y, t.Width, t.Height);
                Assert.True(map.Coverage(box, 0, 3 * Math.Max(t.Width, t.Height)) >= 0.5, $"seed {seed}: {t.Kind} line of {t.GlyphHeight} px not seen");
            }
        }
    }

    [Fact]
    public void Detect_SmoothImageWithoutText_FindsNothing()
    {
        const int width = 800, height = 600;
        var view = new byte[width * height];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                view[(y * width) + x] = (byte)(60 + (120 * Math.Exp(-(Math.Pow(x - 400, 2) + Math.Pow(y - 300, 2)) / 40000.0)));
            }
        }

        var map = LazyTextDetector.Shared.Detect(view, width, height, [LearnedPassPlan.Overview(width, height, LearnedDetectorSettings.Default)]);

        Assert.Empty(map.Boxes);
    }

    [Fact]
    public void Detect_FromSeveralThreads_GivesTheSameBoxes()
    {
        var c = RadiographGenerator.Generate(2, new GeneratorOptions { BitsStored = 8, Width = 512, Height = 640 });
        var view = c.Image.To8BitView();
        var pass = LearnedPassPlan.Overview(512, 640, LearnedDetectorSettings.Default);

        var maps = Enumerable.Range(0, 4).AsParallel().Select(_ => LazyTextDetector.Shared.Detect(view, 512, 640, [pass])).ToList();

        Assert.All(maps, m => Assert.Equal(maps[0].Boxes, m.Boxes));
    }
}
