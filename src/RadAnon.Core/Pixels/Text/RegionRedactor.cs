namespace RadAnon.Core.Pixels.Text;

/// <summary>
/// Paints over boxes so nothing of their content remains. Boxes whose rings would touch are merged first, so every
/// ring pixel lies outside every box: the new values depend only on pixels that are not being removed, and two
/// images that differ only inside the boxes give identical output. Works on 8 and 16-bit samples alike.
/// </summary>
internal static class RegionRedactor
{
    /// <summary>Redacts in place and returns the merged boxes actually painted.</summary>
    public static IReadOnlyList<PixelBox> Redact(GrayImage image, IEnumerable<PixelBox> boxes, RedactionMethod method, int? fillValue)
    {
        var merged = Merge(boxes.Where(b => !b.IsEmpty).ToList(), image.Width, image.Height);
        foreach (var box in merged)
        {
            var ring = RingWidth(box);
            if (method == RedactionMethod.Fill)
            {
                FillSolid(image, box, fillValue ?? RingMean(image, box, ring));
            }
            else
            {
                FillSmooth(image, box, ring);
            }
        }

        return merged;
    }

    public static int RingWidth(PixelBox box) => Math.Clamp(Math.Min(box.Width, box.Height) / 4, 3, 16);

    /// <summary>Union of boxes whose ring-inflated extents overlap, repeated until none do.</summary>
    public static List<PixelBox> Merge(List<PixelBox> boxes, int width, int height)
    {
        var result = boxes.Select(b => b.Intersect(new PixelBox(0, 0, width, height))).Where(b => !b.IsEmpty).ToList();
        bool changed;
        do
        {
            changed = false;
            for (var i = 0; i < result.Count && !changed; i++)
            {
                for (var j = i + 1; j < result.Count; j++)
                {
                    var a = result[i].Inflate(RingWidth(result[i]), width, height);
                    var b = result[j].Inflate(RingWidth(result[j]), width, height);
                    if (a.Intersects(result[j]) || b.Intersects(result[i]) || a.Intersects(b))
                    {
                        result[i] = result[i].Union(result[j]);
                        result.RemoveAt(j);
                        changed = true;
                        break;
                    }
                }
            }
        }
        while (changed);
        return result;
    }

    private static int RingMean(GrayImage image, PixelBox box, int ring)
    {
        var outer = box.Inflate(ring, image.Width, image.Height);
        long sum = 0, count = 0;
        for (var y = outer.Y; y < outer.Bottom; y++)
        {
            for (var x = outer.X; x < outer.Right; x++)
            {
                if (x < box.X || x >= box.Right || y < box.Y || y >= box.Bottom)
                {
                    sum += image[x, y];
                    count++;
                }
            }
        }

        return count == 0 ? 0 : (int)(sum / count);
    }

    private static void FillSolid(GrayImage image, PixelBox box, int value)
    {
        for (var y = box.Y; y < box.Bottom; y++)
        {
            for (var x = box.X; x < box.Right; x++)
            {
                image[x, y] = value;
            }
        }
    }

    /// <summary>
    /// Inverse-distance blend of the four sides' ring profiles (each the mean across the ring, then smoothed along
    /// the side): a smooth surface continuing the surroundings, with no information from inside the box.
    /// </summary>
    private static void FillSmooth(GrayImage image, PixelBox box, int ring)
    {
        var top = SideProfile(image, box, ring, Side.Top);
        var bottom = SideProfile(image, box, ring, Side.Bottom);
        var left = SideProfile(image, box, ring, Side.Left);
        var right = SideProfile(image, box, ring, Side.Right);
        var fallback = RingMean(image, box, ring);
        for (var y = box.Y; y < box.Bottom; y++)
        {
            var iy = y - box.Y;
            for (var x = box.X; x < box.Right; x++)
            {
                var ix = x - box.X;
                double sum = 0, weights = 0;
                Accumulate(top, ix, 1.0 / (iy + 1), ref sum, ref weights);
                Accumulate(bottom, ix, 1.0 / (box.Height - iy), ref sum, ref weights);
                Accumulate(left, iy, 1.0 / (ix + 1), ref sum, ref weights);
                Accumulate(right, iy, 1.0 / (box.Width - ix), ref sum, ref weights);
                image[x, y] = weights > 0 ? (int)Math.Round(sum / weights) : fallback;
            }
        }
    }

    private static void Accumulate(double[]? profile, int index, double weight, ref double sum, ref double weights)
    {
        if (profile is null)
        {
            return;
        }

        // Squared inverse distance keeps each side's influence local, like a harmonic fill.
        var w = weight * weight;
        sum += profile[index] * w;
        weights += w;
    }

    private enum Side
    {
        Top,
        Bottom,
        Left,
        Right,
    }

    private static double[]? SideProfile(GrayImage image, PixelBox box, int ring, Side side)
    {
        var horizontal = side is Side.Top or Side.Bottom;
        var length = horizontal ? box.Width : box.Height;
        int from, to;
        switch (side)
        {
            case Side.Top:
                (from, to) = (Math.Max(0, box.Y - ring), box.Y);
                break;
            case Side.Bottom:
                (from, to) = (box.Bottom, Math.Min(image.Height, box.Bottom + ring));
                break;
            case Side.Left:
                (from, to) = (Math.Max(0, box.X - ring), box.X);
                break;
            default:
                (from, to) = (box.Right, Math.Min(image.Width, box.Right + ring));
                break;
        }

        if (to <= from)
        {
            return null; // the box touches the image edge on this side
        }

        var raw = new double[length];
        for (var i = 0; i < length; i++)
        {
            double s = 0;
            for (var d = from; d < to; d++)
            {
                s += horizontal ? image[box.X + i, d] : image[d, box.Y + i];
            }

            raw[i] = s / (to - from);
        }

        // Smooth along the side so texture and any glyph fringe in the ring are not echoed into the box.
        var radius = Math.Max(ring, length / 8);
        var prefix = new double[length + 1];
        for (var i = 0; i < length; i++)
        {
            prefix[i + 1] = prefix[i] + raw[i];
        }

        var smooth = new double[length];
        for (var i = 0; i < length; i++)
        {
            var a = Math.Max(0, i - radius);
            var b = Math.Min(length, i + radius + 1);
            smooth[i] = (prefix[b] - prefix[a]) / (b - a);
        }

        return smooth;
    }
}
