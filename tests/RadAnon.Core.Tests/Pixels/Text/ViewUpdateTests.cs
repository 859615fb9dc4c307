using RadAnon.Core.Pixels;
using RadAnon.Core.Pixels.Text;

namespace RadAnon.Core.Tests.Pixels.Text;

/// <summary>The verification's cheap view update and unchanged-outside test against their plain definitions.</summary>
public sealed class ViewUpdateTests
{
    private static readonly PixelBox[] Boxes = [new(3, 4, 10, 6), new(8, 7, 12, 9), new(0, 20, 37, 3), new(30, 0, 7, 23)];

    [Theory]
    [InlineData(8, 0, 255, false)]
    [InlineData(12, 100, 3000, false)]
    [InlineData(16, 0, 65535, false)]
    [InlineData(16, 1000, 2000, true)]
    public void To8BitView_AfterPainting_EqualsAFullConversion(int bits, int low, int high, bool moveRange)
    {
        var original = RandomImage(bits, low, high, seed: bits);
        var painted = original.Clone();
        var random = new Random(11);
        foreach (var box in Boxes)
        {
            for (var y = box.Y; y < box.Bottom; y++)
            {
                for (var x = box.X; x < box.Right; x++)
                {
                    // Inside the range, or past it when the test wants the range (so the whole view) to move.
                    painted[x, y] = moveRange ? high + 500 : random.Next(low, high + 1);
                }
            }
        }

        var originalView = original.To8BitView();
        var before = (byte[])originalView.Clone();

        var updated = painted.To8BitView(original, originalView, Boxes);

        Assert.Equal(painted.To8BitView(), updated);
        Assert.Equal(before, originalView);
    }

    [Fact]
    public void UnchangedOutside_MatchesComparingAPatchedCopy()
    {
        const int width = 37;
        var random = new Random(5);
        for (var trial = 0; trial < 200; trial++)
        {
            var before = new byte[width * 23];
            random.NextBytes(before);
            var after = (byte[])before.Clone();
            var boxes = Boxes.Take(random.Next(0, Boxes.Length + 1)).ToList();
            foreach (var box in boxes)
            {
                for (var y = box.Y; y < box.Bottom; y++)
                {
                    random.NextBytes(after.AsSpan((y * width) + box.X, box.Width));
                }
            }

            if (trial % 2 == 1)
            {
                after[random.Next(after.Length)] ^= 1;
            }

            var patched = (byte[])before.Clone();
            foreach (var box in boxes)
            {
                for (var y = box.Y; y < box.Bottom; y++)
                {
                    after.AsSpan((y * width) + box.X, box.Width).CopyTo(patched.AsSpan((y * width) + box.X, box.Width));
                }
            }

            Assert.Equal(patched.AsSpan().SequenceEqual(after), BurnedInTextCleaner.UnchangedOutside(before, after, width, boxes));
        }
    }

    private static GrayImage RandomImage(int bits, int low, int high, int seed)
    {
        var image = bits == 8 ? GrayImage.Create8(37, 23) : GrayImage.Create16(37, 23, bits);
        var random = new Random(seed);
        for (var y = 0; y < image.Height; y++)
        {
            for (var x = 0; x < image.Width; x++)
            {
                image[x, y] = random.Next(low, high + 1);
            }
        }

        return image;
    }
}
