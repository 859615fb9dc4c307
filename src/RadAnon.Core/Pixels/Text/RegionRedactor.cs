namespace RadAnon.Core.Pixels.Text;

/// <summary>
/// Paints over boxes so nothing of their content remains. Ring pixels are read only where no box lies, so the new
/// values depend only on pixels that are not being removed, and two images that differ only inside the boxes give
/// identical output. Works on 8 and 16-bit samples alike.
/// </summary>
internal static class RegionRedactor
{
    private static readonly TextThresholds.PaintingThresholds Thresholds = TextThresholds.Default.Painting;

    /// <summary>Redacts in place and returns the boxes painted (clipped to the image).</summary>
    public static IReadOnlyList<PixelBox> Redact(GrayImage image, IEnumerable<PixelBox> boxes, RedactionMethod method, int? fillValue)
    {
        var list = boxes.Select(b => b.Intersect(new PixelBox(0, 0, image.Width, image.Height))).Where(b => !b.IsEmpty).ToList();
        var mask = new bool[image.Width * image.Height];
        foreach (var b in list)
        {
            for (var y = b.Y; y < b.Bottom; y++)
            {
                mask.AsSpan((y * image.Width) + b.X, b.Width).Fill(true);
            }
        }

        // All fills are computed before any is written, from unmasked pixels only, so order does not matter.
        var fills = new List<(PixelBox Box, int[] Values)>();
        foreach (var box in list)
        {
            var ring = RingWidth(box);
            var values = method == RedactionMethod.Fill
                ? Enumerable.Repeat(fillValue ?? RingMean(image, mask, box, ring), box.Width * box.Height).ToArray()
                : FillSmooth(image, mask, box, ring);
            fills.Add((box, values));
        }

        foreach (var (box, values) in fills)
        {
            for (var y = 0; y < box.Height; y++)
            {
                for (var x = 0; x < box.Width; x++)
                {
                    image[box.X + x, box.Y + y] = values[(y * box.Width) + x];
                }
            }
        }

        return list;
    }

    public static int RingWidth(PixelBox box) => Math.Clamp(Thresholds.RingShare.Of(Math.Min(box.Width, box.Height)), Thresholds.MinRing, Thresholds.MaxRing);

    private static int RingMean(GrayImage image, bool[] mask, PixelBox box, int ring)
    {
        var outer = box.Inflate(ring, image.Width, image.Height);
        long sum = 0, count = 0;
        for (var y = outer.Y; y < outer.Bottom; y++)
        {
            for (var x = outer.X; x < outer.Right; x++)
            {
                if (!mask[(y * image.Width) + x])
                {
                    sum += image[x, y];
                    count++;
                }
            }
        }

        if (count == 0)
        {
            return ring < Thresholds.MaxRingSearch ? RingMean(image, mask, box, ring * Thresholds.RingGrowth) : 0;
        }

        return (int)(sum / count);
    }

    /// <summary>
    /// Inverse-distance blend of the four sides' ring profiles (each the mean across the ring, then smoothed along
    /// the side): a smooth surface continuing the surroundings, with no information from inside the box.
    /// </summary>
    private static int[] FillSmooth(GrayImage image, bool[] mask, PixelBox box, int ring)
    {
        var top = SideProfile(image, mask, box, ring, Side.Top);
        var bottom = SideProfile(image, mask, box, ring, Side.Bottom);
        var left = SideProfile(image, mask, box, ring, Side.Left);
        var right = SideProfile(image, mask, box, ring, Side.Right);
        var fallback = RingMean(image, mask, box, ring);
        var values = new int[box.Width * box.Height];
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
                values[(iy * box.Width) + ix] = weights > 0 ? (int)Math.Round(sum / weights) : fallback;
            }
        }

        return values;
    }

    private static void Accumulate(double[]? profile, int index, double weight, ref double sum, ref double weights)
    {
        if (profile is null || double.IsNaN(profile[index]))
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

    private static double[]? SideProfile(GrayImage image, bool[] mask, PixelBox box, int ring, Side side)
    {
        var (from, to) = RingSpan(image, box, ring, side);
        if (to <= from)
        {
            return null; // the box touches the image edge on this side
        }

        var length = side is Side.Top or Side.Bottom ? box.Width : box.Height;
        var (prefix, counts) = RingSums(image, mask, box, side, from, to, length);
        if (counts[length] == 0)
        {
            return null;
        }

        // Smooth along the side so texture and any glyph fringe in the ring are not echoed into the box.
        return Smooth(prefix, counts, Math.Max(ring, Thresholds.ProfileSmoothingShare.Of(length)));
    }

    /// <summary>The ring's rows (top, bottom) or columns (left, right) beside the box, [from, to) clipped to the image.</summary>
    private static (int From, int To) RingSpan(GrayImage image, PixelBox box, int ring, Side side) => side switch
    {
        Side.Top => (Math.Max(0, box.Y - ring), box.Y),
        Side.Bottom => (box.Bottom, Math.Min(image.Height, box.Bottom + ring)),
        Side.Left => (Math.Max(0, box.X - ring), box.X),
        _ => (box.Right, Math.Min(image.Width, box.Right + ring)),
    };

    /// <summary>Running sums and counts of the unmasked ring pixels across the ring, per position along the side.</summary>
    private static (double[] Prefix, int[] Counts) RingSums(GrayImage image, bool[] mask, PixelBox box, Side side, int from, int to, int length)
    {
        var horizontal = side is Side.Top or Side.Bottom;
        var prefix = new double[length + 1];
        var counts = new int[length + 1];
        for (var i = 0; i < length; i++)
        {
            double s = 0;
            var n = 0;
            for (var d = from; d < to; d++)
            {
                var (x, y) = horizontal ? (box.X + i, d) : (d, box.Y + i);
                if (!mask[(y * image.Width) + x])
                {
                    s += image[x, y];
                    n++;
                }
            }

            prefix[i + 1] = prefix[i] + s;
            counts[i + 1] = counts[i] + n;
        }

        return (prefix, counts);
    }

    /// <summary>The mean of the unmasked ring pixels within <paramref name="radius"/> of each position; NaN where there are none.</summary>
    private static double[] Smooth(double[] prefix, int[] counts, int radius)
    {
        var length = counts.Length - 1;
        var smooth = new double[length];
        for (var i = 0; i < length; i++)
        {
            var a = Math.Max(0, i - radius);
            var b = Math.Min(length, i + radius + 1);
            var n = counts[b] - counts[a];
            smooth[i] = n == 0 ? double.NaN : (prefix[b] - prefix[a]) / n;
        }

        return smooth;
    }
}
