using RadAnon.Core.Pixels.Text;
using RadAnon.Core.Pixels.Text.Learned;

namespace RadAnon.Core.Tests.Pixels.Text.Learned;

public sealed class LearnedPassPlanTests
{
    private static readonly LearnedDetectorSettings Settings = LearnedDetectorSettings.Default;

    [Theory]
    [InlineData(2500, 3000)]
    [InlineData(1920, 1080)]
    [InlineData(640, 480)]
    [InlineData(17, 9)]
    public void Overview_CoversTheWholeImage_AtMostTheTrainingSize_InMultiplesOf32(int width, int height)
    {
        var pass = LearnedPassPlan.Overview(width, height, Settings);

        Assert.Equal(new PixelBox(0, 0, width, height), pass.Source);
        Assert.Equal(0, pass.Width % 32);
        Assert.Equal(0, pass.Height % 32);
        Assert.True(Math.Max(pass.Width, pass.Height) <= Math.Max(Settings.OverviewLongSide, 32));
    }

    [Fact]
    public void Around_SmallTextOnALargeImage_IsACropThatBringsGlyphsToTheTargetSize()
    {
        var line = new PixelBox(2000, 2800, 200, 10);

        var pass = LearnedPassPlan.Around(line, glyphHeight: 8, 2500, 3000, Settings);

        Assert.NotNull(pass);
        Assert.True(pass.Value.Source.Contains(line.X, line.Y) && pass.Value.Source.Contains(line.Right - 1, line.Bottom - 1));
        Assert.InRange(8 * pass.Value.Scale, Settings.TargetModelGlyph * 0.8, Settings.TargetModelGlyph * 1.2);
        Assert.True(pass.Value.Source.Area < 2500L * 3000 / 50, "a crop pass costs the small text's area, not the image's");
    }

    [Fact]
    public void Around_TextTheOverviewSeesWell_NeedsNoCrop()
    {
        Assert.Null(LearnedPassPlan.Around(new PixelBox(10, 10, 400, 60), glyphHeight: 60, 2500, 3000, Settings));
    }
}
