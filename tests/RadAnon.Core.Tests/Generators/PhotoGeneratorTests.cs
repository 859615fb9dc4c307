using RadAnon.SyntheticData.Captures;

namespace RadAnon.Core.Tests.Generators;

/// <summary>The phone-photo generator: deterministic, perspective bounded, truth carried into the photo.</summary>
public sealed class PhotoGeneratorTests
{
    [Fact]
    public void Generate_SameSeed_SamePhotoAndTruth()
    {
        var a = PhotoGenerator.Generate(3);
        var b = PhotoGenerator.Generate(3);

        Assert.Equal(a.Photo.Image.Data, b.Photo.Image.Data);
        Assert.Equal(a.Photo.Truth, b.Photo.Truth);
        Assert.Equal(a.Corners, b.Corners);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(7)]
    public void Generate_EachCorner_MovesAtMostFivePercentOfTheScreen(int seed)
    {
        var p = CaptureCache.Photo(seed);
        var width = p.Nominal[1].X - p.Nominal[0].X;
        var height = p.Nominal[3].Y - p.Nominal[0].Y;

        Assert.Equal(4, p.Corners.Count);
        for (var i = 0; i < 4; i++)
        {
            Assert.InRange(Math.Abs(p.Corners[i].X - p.Nominal[i].X), 0, PhotoGenerator.MaxCornerShift * width);
            Assert.InRange(Math.Abs(p.Corners[i].Y - p.Nominal[i].Y), 0, PhotoGenerator.MaxCornerShift * height);
            Assert.InRange(p.Corners[i].X, 0, p.Photo.Image.Width);
            Assert.InRange(p.Corners[i].Y, 0, p.Photo.Image.Height);
        }

        // Some perspective at all: not every corner where it would be without it.
        Assert.Contains(Enumerable.Range(0, 4), i => Math.Abs(p.Corners[i].X - p.Nominal[i].X) > 1);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Generate_TruthBoxesLieInsideThePhoto_AndKeepEveryScreenLine(int seed)
    {
        var photo = CaptureCache.Photo(seed);
        var screen = CaptureCache.Screen(seed);

        Assert.Equal(screen.Truth.Count, photo.Photo.Truth.Count);
        Assert.All(photo.Photo.Truth, t =>
            Assert.True(!t.Box.IsEmpty && t.Box.X >= 0 && t.Box.Y >= 0 && t.Box.Right <= photo.Photo.Image.Width && t.Box.Bottom <= photo.Photo.Image.Height, t.Box.ToString()));
    }

    [Fact]
    public void Generate_WarpedBoxes_StayCloseToTheScaledScreenBoxes()
    {
        var photo = CaptureCache.Photo(4);
        var screen = CaptureCache.Screen(4);

        // A box may grow by the tilt of its line, but never more than 5 % of its length plus a few pixels.
        foreach (var (s, p) in screen.Truth.Zip(photo.Photo.Truth))
        {
            Assert.InRange(p.Box.Width, (s.Box.Width * photo.Scale * 0.85) - 2, (s.Box.Width * photo.Scale * 1.15) + (0.1 * s.Box.Height) + 3);
            Assert.InRange(p.Box.Height, (s.Box.Height * photo.Scale * 0.85) - 2, (s.Box.Height * photo.Scale * 1.15) + (0.1 * s.Box.Width) + 3);
        }
    }
}
