using RadAnon.Core.Pixels.Text;
using RadAnon.Core.Pixels.Text.Learned;

namespace RadAnon.Core.Tests.Pixels.Text.Learned;

public sealed class TextProbabilityMapTests
{
    [Fact]
    public void Coverage_CountsLearnedBoxesOfTheRegionsOwnSize()
    {
        var map = new TextProbabilityMap(1000, 1000, 1, [new LearnedTextBox(new PixelBox(100, 100, 200, 20), 0.9)]);

        Assert.Equal(1.0, map.Coverage(new PixelBox(120, 102, 100, 16), minThickness: 0, maxThickness: 40), 3);
        Assert.Equal(0.5, map.Coverage(new PixelBox(250, 102, 100, 16), minThickness: 0, maxThickness: 40), 3);
        Assert.Equal(0.0, map.Coverage(new PixelBox(500, 500, 100, 16), minThickness: 0, maxThickness: 40), 3);
    }

    [Fact]
    public void Coverage_ABlobFarThickerThanTheRegion_SupportsNothing()
    {
        // What the model makes of a lung field at some scales: one box over the whole of it.
        var map = new TextProbabilityMap(1000, 1000, 1, [new LearnedTextBox(new PixelBox(50, 50, 400, 330), 0.99)]);

        Assert.Equal(0.0, map.Coverage(new PixelBox(100, 100, 120, 20), minThickness: 0, maxThickness: 50), 3);
    }

    [Fact]
    public void Coverage_SmallLabelsInsideALargeShape_DoNotMakeItText()
    {
        var map = new TextProbabilityMap(1000, 1000, 1, [new LearnedTextBox(new PixelBox(100, 100, 120, 14), 0.9), new LearnedTextBox(new PixelBox(100, 130, 120, 14), 0.9)]);

        Assert.Equal(0.0, map.Coverage(new PixelBox(100, 90, 130, 70), minThickness: 25, maxThickness: 175), 3);
    }

    [Fact]
    public void Coverage_OverlappingBoxes_AreCountedOnce()
    {
        var map = new TextProbabilityMap(100, 100, 1, [
            new LearnedTextBox(new PixelBox(0, 0, 60, 10), 0.9),
            new LearnedTextBox(new PixelBox(40, 0, 60, 10), 0.9),
        ]);

        Assert.Equal(1.0, map.Coverage(new PixelBox(0, 0, 100, 10), minThickness: 0, maxThickness: 20), 3);
    }

    [Fact]
    public void With_AddsACropPassesBoxesToTheOverview()
    {
        var overview = new TextProbabilityMap(100, 100, 1, [new LearnedTextBox(new PixelBox(0, 0, 10, 10), 0.9)]);
        var crop = new TextProbabilityMap(100, 100, 1, [new LearnedTextBox(new PixelBox(50, 50, 2, 2), 0.8)]);

        var both = overview.With(crop);

        Assert.Equal(2, both.Boxes.Count);
        Assert.Equal(2, both.Passes);
    }
}
