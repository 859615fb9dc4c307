using RadAnon.Core.Pixels.Text;
using RadAnon.Core.Tests.Pixels.Text;
using RadAnon.SyntheticData.Captures;
using RadAnon.SyntheticData.Scoring;
using Xunit.Abstractions;

namespace RadAnon.Core.Tests.Generators;

/// <summary>Today's cleaner (through the one factory) on two dev screenshots, with Tesseract reading: identifying text goes.</summary>
public sealed class ScreenshotCleaningTests(OcrFixture fixture, ITestOutputHelper output) : IClassFixture<OcrFixture>
{
    [Fact]
    public void Clean_DevScreenshots_RemovesTheIdentifyingLines()
    {
        var cleaner = CleanerFactory.Create(fixture.Ocr);
        var score = new CaptureEvaluation();
        foreach (var seed in new[] { 1, 2 })
        {
            var c = ScreenshotGenerator.Generate(seed);
            var gray = c.Luminance();
            score.Add(seed, gray, c.Truth, cleaner.Clean(gray, new TextCleaningOptions { Force = true }, []));
        }

        output.WriteLine(score.ToString());
        score.Misses.ForEach(output.WriteLine);
        Assert.True(score.IdentifyingTotal >= 20, score.ToString());
        Assert.True(score.Recall >= 0.99, score.ToString());
    }
}
