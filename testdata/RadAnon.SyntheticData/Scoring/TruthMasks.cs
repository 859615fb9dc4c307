using RadAnon.Core.Pixels;
using RadAnon.Core.Pixels.Text;

namespace RadAnon.SyntheticData.Scoring;

/// <summary>Pixel masks the scorings share: what the cleaner painted, and where text is (truth boxes plus a margin).</summary>
public static class TruthMasks
{
    /// <summary>The margin around a truth box that still counts as text: 3 pixels plus half the glyph height.</summary>
    public static int TextMargin(int glyphHeight) => 3 + (glyphHeight / 2);

    /// <summary>Pixels inside the painted box of any redacted region.</summary>
    public static bool[] Painted(TextCleaningResult result, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(result);
        var painted = new bool[width * height];
        foreach (var r in result.Regions.Where(r => r.Action == RegionAction.Redacted))
        {
            Set(painted, width, r.PaintedBox!.Value.Intersect(new PixelBox(0, 0, width, height)));
        }

        return painted;
    }

    /// <summary>Pixels of text: each box grown by <see cref="TextMargin"/> of its glyph height, clipped to the image.</summary>
    public static bool[] Text(IEnumerable<(PixelBox Box, int GlyphHeight)> lines, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var text = new bool[width * height];
        foreach (var (box, glyph) in lines)
        {
            Set(text, width, box.Inflate(TextMargin(glyph), width, height));
        }

        return text;
    }

    /// <summary>Share of <paramref name="box"/>'s pixels set in <paramref name="mask"/>.</summary>
    public static double Share(bool[] mask, int width, PixelBox box)
    {
        ArgumentNullException.ThrowIfNull(mask);
        long covered = 0;
        for (var y = box.Y; y < box.Bottom; y++)
        {
            for (var x = box.X; x < box.Right; x++)
            {
                covered += mask[(y * width) + x] ? 1 : 0;
            }
        }

        return box.Area == 0 ? 0 : covered / (double)box.Area;
    }

    /// <summary>Pixels outside text, and how many of them differ between the two images.</summary>
    public static (long Outside, long Changed) Collateral(GrayImage before, GrayImage after, bool[] text)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        ArgumentNullException.ThrowIfNull(text);
        long outside = 0, changed = 0;
        for (var y = 0; y < before.Height; y++)
        {
            for (var x = 0; x < before.Width; x++)
            {
                if (!text[(y * before.Width) + x])
                {
                    outside++;
                    changed += before[x, y] != after[x, y] ? 1 : 0;
                }
            }
        }

        return (outside, changed);
    }

    private static void Set(bool[] mask, int width, PixelBox b)
    {
        for (var y = b.Y; y < b.Bottom; y++)
        {
            mask.AsSpan((y * width) + b.X, b.Width).Fill(true);
        }
    }
}
