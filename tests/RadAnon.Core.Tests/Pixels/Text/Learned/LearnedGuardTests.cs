using RadAnon.Core.Ocr;
using RadAnon.Core.Pixels.Text;
using RadAnon.Core.Pixels.Text.Learned;
using RadAnon.SyntheticData;

namespace RadAnon.Core.Tests.Pixels.Text.Learned;

/// <summary>The learned detector as the guard: what nothing could read is painted only where the model sees text.</summary>
public sealed class LearnedGuardTests
{
    [Fact]
    public void Clean_UnreadLines_WithoutLearnedText_ChangeNoPixel()
    {
        var c = RadiographGenerator.Generate(4, new GeneratorOptions { BitsStored = 8 });

        var result = new BurnedInTextCleaner(new NeverReads(), new FixedMap([])).Clean(c.Image, new TextCleaningOptions { Force = true }, []);

        Assert.DoesNotContain(result.Regions, r => r.Action == RegionAction.Redacted);
        Assert.Equal(c.Image.To8BitView(), result.Image.To8BitView());
    }

    [Fact]
    public void Clean_UnreadLines_WhereTheModelSeesText_ArePainted()
    {
        var c = RadiographGenerator.Generate(4, new GeneratorOptions { BitsStored = 8 });
        var truth = c.Truth.Where(t => t.Identifying).Select(t => new LearnedTextBox(new PixelBox(t.X, t.Y, t.Width, t.Height), 0.9)).ToList();

        var result = new BurnedInTextCleaner(new NeverReads(), new FixedMap(truth)).Clean(c.Image, new TextCleaningOptions { Force = true }, []);

        var redacted = result.Regions.Where(r => r.Action == RegionAction.Redacted).ToList();
        Assert.NotEmpty(redacted);
        Assert.All(redacted, r => Assert.Contains(truth, t => t.Box.Intersects(r.Box)));
    }

    [Fact]
    public void Clean_ReportsTheLearnedModel()
    {
        var c = RadiographGenerator.Generate(4, new GeneratorOptions { BitsStored = 8, Width = 256, Height = 256, MinTextLines = 1, MaxTextLines = 1 });

        var result = new BurnedInTextCleaner(new NeverReads(), new FixedMap([])).Clean(c.Image, new TextCleaningOptions { Force = true }, []);

        Assert.Equal("fixed-map-for-tests", result.TextDetector);
    }

    private sealed class NeverReads : IOcr
    {
        public string Version => "never-reads";

        public IReadOnlyList<OcrWord> Recognize(ReadOnlySpan<byte> gray8, int width, int height, int stride, OcrMode mode) => [];
    }

    /// <summary>A learned detector that sees text exactly in the given boxes, whatever the passes.</summary>
    private sealed class FixedMap(IReadOnlyList<LearnedTextBox> boxes) : ILearnedTextDetector
    {
        public string ModelId => "fixed-map-for-tests";

        public LearnedDetectorSettings Settings => LearnedDetectorSettings.Default;

        public TextProbabilityMap Detect(ReadOnlySpan<byte> view, int width, int height, IReadOnlyList<LearnedPass> passes) =>
            new(width, height, passes.Count, boxes);
    }
}
