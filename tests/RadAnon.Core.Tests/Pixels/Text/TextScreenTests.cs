using RadAnon.Core.Pixels.Text;
using RadAnon.SyntheticData;

namespace RadAnon.Core.Tests.Pixels.Text;

/// <summary>
/// The screen may only skip pixels where no glyph seed can exist: every pixel whose full-resolution top-hat (black-hat)
/// reaches the strong threshold must lie at least a tile inside a light (dark) area, or on the image border.
/// </summary>
public sealed class TextScreenTests
{
    private const int Radius = 6;

    public static TheoryData<int, int> Images() => new()
    {
        { 1001, 48 }, { 1002, 32 }, { 1003, 64 }, { 1004, 20 },
    };

    [Theory]
    [MemberData(nameof(Images))]
    public void Areas_SyntheticRadiograph_ContainEveryStrongResponseWithATileOfContext(int seed, int strong)
    {
        var c = RadiographGenerator.Generate(seed, new GeneratorOptions { Width = 1500, Height = 1700, BitsStored = 16 });
        var view = c.Image.To8BitView();
        AssertCovers(view, c.Image.Width, c.Image.Height, strong);
    }

    [Theory]
    [InlineData(5, 40)]
    [InlineData(6, 90)]
    [InlineData(7, 150)]
    public void Areas_SparseRandomSpots_ContainEveryStrongResponse(int seed, int strong)
    {
        // Flat background with a few random bright and dark specks and a sharp step: the worst case for a half-resolution
        // bound is a one-pixel detail at an odd offset.
        const int width = 999, height = 777;
        var random = new Random(seed);
        var view = new byte[width * height];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                view[(y * width) + x] = (byte)(x < 500 ? 100 : 160);
            }
        }

        for (var i = 0; i < 40; i++)
        {
            view[(random.Next(height) * width) + random.Next(width)] = (byte)(random.Next(2) == 0 ? 255 : 0);
        }

        AssertCovers(view, width, height, strong);
    }

    [Fact]
    public void Areas_FlatImage_NoAreas()
    {
        const int width = 800, height = 600;
        var view = Enumerable.Repeat((byte)90, width * height).ToArray();

        var (light, dark) = TextScreen.Areas(view, width, height, Radius, 48);

        Assert.Empty(light);
        Assert.Empty(dark);
    }

    private static void AssertCovers(byte[] view, int width, int height, int strong)
    {
        var (light, dark) = TextScreen.Areas(view, width, height, Radius, strong);
        var top = Morphology.TopHat(view, width, height, Radius);
        var black = Morphology.BlackHat(view, width, height, Radius);
        var checkedSeeds = 0;
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var i = (y * width) + x;
                if (top[i] >= strong)
                {
                    Assert.True(Inside(light, x, y, width, height), $"light seed at {x},{y} outside the screened areas");
                    checkedSeeds++;
                }

                if (black[i] >= strong)
                {
                    Assert.True(Inside(dark, x, y, width, height), $"dark seed at {x},{y} outside the screened areas");
                    checkedSeeds++;
                }
            }
        }

        Assert.True(checkedSeeds > 0, "the image has no strong response to check");
    }

    /// <summary>Inside an area with a tile of context on every side that is not the image border.</summary>
    private static bool Inside(List<PixelBox> areas, int x, int y, int width, int height) => areas.Any(a =>
        x >= a.X && y >= a.Y && x < a.Right && y < a.Bottom
        && (a.X == 0 || x - a.X >= TextScreen.Tile) && (a.Y == 0 || y - a.Y >= TextScreen.Tile)
        && (a.Right == width || a.Right - x > TextScreen.Tile) && (a.Bottom == height || a.Bottom - y > TextScreen.Tile));
}
