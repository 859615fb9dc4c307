using RadAnon.Core.Pixels.Text;

namespace RadAnon.Core.Pixels;

/// <summary>Palette indices cannot be blended: a box on a palette image is filled with the most common index around it.</summary>
internal static class PaletteFill
{
    public static int MostCommonAround(GrayImage image, PixelBox box)
    {
        var ring = RegionRedactor.RingWidth(box);
        var outer = box.Inflate(ring, image.Width, image.Height);
        var counts = new Dictionary<int, int>();
        for (var y = outer.Y; y < outer.Bottom; y++)
        {
            for (var x = outer.X; x < outer.Right; x++)
            {
                if (x >= box.X && x < box.Right && y >= box.Y && y < box.Bottom)
                {
                    continue;
                }

                var v = image[x, y];
                counts[v] = counts.GetValueOrDefault(v) + 1;
            }
        }

        return counts.Count == 0 ? 0 : counts.OrderByDescending(c => c.Value).ThenBy(c => c.Key).First().Key;
    }
}
