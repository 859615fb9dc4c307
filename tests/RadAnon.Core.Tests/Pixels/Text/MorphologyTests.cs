using RadAnon.Core.Pixels;
using RadAnon.Core.Pixels.Text;

namespace RadAnon.Core.Tests.Pixels.Text;

/// <summary>The vectorised filters agree exactly with brute-force definitions on random images of awkward sizes.</summary>
public sealed class MorphologyTests
{
    public static TheoryData<int, int, int> Shapes() => new()
    {
        { 1, 1, 1 }, { 7, 5, 1 }, { 31, 17, 3 }, { 67, 43, 6 }, { 100, 3, 6 }, { 5, 90, 6 }, { 129, 65, 9 }, { 40, 40, 16 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void TopHatAndBlackHat_RandomImage_EqualBruteForce(int width, int height, int radius)
    {
        var image = RandomImage(width, height, seed: (width * 31) + height);

        var top = Morphology.TopHat(image, width, height, radius);
        var black = Morphology.BlackHat(image, width, height, radius);

        var opened = BruteForce(BruteForce(image, width, height, radius, max: false), width, height, radius, max: true);
        var closed = BruteForce(BruteForce(image, width, height, radius, max: true), width, height, radius, max: false);
        Assert.Equal(image.Select((v, i) => (byte)(v - opened[i])).ToArray(), top);
        Assert.Equal(closed.Select((v, i) => (byte)(v - image[i])).ToArray(), black);
    }

    [Theory]
    [InlineData(10, 10, 3)]
    [InlineData(2500, 7, 3)]
    [InlineData(11, 13, 2)]
    [InlineData(1, 1, 3)]
    [InlineData(2501, 9, 3)]
    [InlineData(95, 31, 4)]
    [InlineData(70, 20, 1)]
    [InlineData(33, 65, 7)]
    [InlineData(300, 300, 258)]
    public void Downsample_RandomImage_IsTheMeanOfEachBlock(int width, int height, int factor)
    {
        var image = RandomImage(width, height, seed: width + height);

        var small = Morphology.Downsample(image, width, height, factor, out var sw, out var sh);

        Assert.Equal((width + factor - 1) / factor, sw);
        Assert.Equal((height + factor - 1) / factor, sh);
        for (var oy = 0; oy < sh; oy++)
        {
            for (var ox = 0; ox < sw; ox++)
            {
                int sum = 0, count = 0;
                for (var y = oy * factor; y < Math.Min(height, (oy + 1) * factor); y++)
                {
                    for (var x = ox * factor; x < Math.Min(width, (ox + 1) * factor); x++)
                    {
                        sum += image[(y * width) + x];
                        count++;
                    }
                }

                Assert.Equal(sum / count, small[(oy * sw) + ox]);
            }
        }
    }

    [Theory]
    [InlineData(12, 100, 3000)]
    [InlineData(16, 0, 65535)]
    [InlineData(16, 40000, 40000)]
    public void To8BitView_SixteenBit_ScalesMinToMaxWithRounding(int bitsStored, int low, int high)
    {
        var image = GrayImage.Create16(37, 23, bitsStored);
        var random = new Random(7);
        for (var y = 0; y < image.Height; y++)
        {
            for (var x = 0; x < image.Width; x++)
            {
                image[x, y] = random.Next(low, high + 1);
            }
        }

        var view = image.To8BitView();

        var values = Enumerable.Range(0, image.Width * image.Height).Select(i => image[i % image.Width, i / image.Width]).ToArray();
        int min = values.Min(), range = Math.Max(1, values.Max() - min);
        Assert.Equal(values.Select(v => (byte)((((v - min) * 255) + (range / 2)) / range)).ToArray(), view);
    }

    private static byte[] RandomImage(int width, int height, int seed)
    {
        var random = new Random(seed);
        var image = new byte[width * height];
        random.NextBytes(image);
        return image;
    }

    /// <summary>Square min/max filter straight from the definition; outside the image counts as neutral.</summary>
    private static byte[] BruteForce(byte[] image, int width, int height, int radius, bool max)
    {
        var output = new byte[image.Length];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var best = max ? 0 : 255;
                for (var dy = -radius; dy <= radius; dy++)
                {
                    for (var dx = -radius; dx <= radius; dx++)
                    {
                        int nx = x + dx, ny = y + dy;
                        if (nx >= 0 && ny >= 0 && nx < width && ny < height)
                        {
                            best = max ? Math.Max(best, image[(ny * width) + nx]) : Math.Min(best, image[(ny * width) + nx]);
                        }
                    }
                }

                output[(y * width) + x] = (byte)best;
            }
        }

        return output;
    }
}
