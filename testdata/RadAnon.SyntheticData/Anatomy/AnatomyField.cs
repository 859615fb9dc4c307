using RadAnon.Core.Pixels;

namespace RadAnon.SyntheticData.Anatomy;

/// <summary>Intensities in 0..1 that the anatomy painters draw on, with a layer for strokes that must not add up.</summary>
public sealed class AnatomyField
{
    public AnatomyField(int width, int height)
    {
        Width = width;
        Height = height;
        Values = new float[width * height];
        Layer = new float[width * height];
    }

    public int Width { get; }

    public int Height { get; }

    public float[] Values { get; }

    /// <summary>Scratch layer: strokes take the maximum here, then <see cref="AddLayer"/> adds it once.</summary>
    public float[] Layer { get; }

    public ref float this[int x, int y] => ref Values[(y * Width) + x];

    /// <summary>A disc of radius <paramref name="r"/> into the layer; brighter toward its rim when <paramref name="cortical"/>.</summary>
    public void Disc(double cx, double cy, double r, bool cortical)
    {
        var x0 = Math.Max(0, (int)(cx - r - 1));
        var x1 = Math.Min(Width - 1, (int)(cx + r + 1));
        var y0 = Math.Max(0, (int)(cy - r - 1));
        var y1 = Math.Min(Height - 1, (int)(cy + r + 1));
        for (var y = y0; y <= y1; y++)
        {
            for (var x = x0; x <= x1; x++)
            {
                var d = Math.Sqrt(((x - cx) * (x - cx)) + ((y - cy) * (y - cy))) / r;
                if (d < 1)
                {
                    var v = (float)(cortical ? 0.55 + (0.45 * d * d) : 1 - (d * d));
                    ref var l = ref Layer[(y * Width) + x];
                    l = Math.Max(l, v);
                }
            }
        }
    }

    /// <summary>A stroke through the points, as discs every pixel along it.</summary>
    public void Stroke(IReadOnlyList<(double X, double Y)> points, double r, bool cortical)
    {
        for (var i = 1; i < points.Count; i++)
        {
            var (ax, ay) = points[i - 1];
            var (bx, by) = points[i];
            var steps = Math.Max(1, (int)Math.Ceiling(Math.Sqrt(((bx - ax) * (bx - ax)) + ((by - ay) * (by - ay)))));
            for (var s = 0; s <= steps; s++)
            {
                Disc(ax + ((bx - ax) * s / steps), ay + ((by - ay) * s / steps), r, cortical);
            }
        }
    }

    /// <summary>Adds the layer times <paramref name="amplitude"/> to the values and clears it.</summary>
    public void AddLayer(double amplitude)
    {
        for (var i = 0; i < Values.Length; i++)
        {
            Values[i] += (float)(Layer[i] * amplitude);
            Layer[i] = 0;
        }
    }

    public GrayImage ToImage(int bits)
    {
        if (bits == 8)
        {
            var image8 = GrayImage.Create8(Width, Height);
            var p8 = image8.Pixels8;
            for (var i = 0; i < Values.Length; i++)
            {
                p8[i] = (byte)Math.Round(Math.Clamp(Values[i], 0, 1) * 255);
            }

            return image8;
        }

        var image16 = GrayImage.Create16(Width, Height, bits);
        var p16 = image16.Pixels16;
        var max = (1 << bits) - 1;
        for (var i = 0; i < Values.Length; i++)
        {
            p16[i] = (ushort)Math.Round(Math.Clamp(Values[i], 0, 1) * max);
        }

        return image16;
    }
}
