namespace RadAnon.Core.Pixels.Text;

/// <summary>A line of glyph components (or a lone strong glyph) in detection-scale coordinates.</summary>
/// <param name="Uniform">
/// The glyphs look like one font burned in one colour: stroke widths and stroke contrasts vary little across the line.
/// Anatomy that happens to line up (trabeculae, vessels, noise speckle) varies in both.
/// </param>
internal readonly record struct GroupedLine(int X0, int Y0, int X1, int Y1, bool Vertical, int GlyphHeight, int Count, bool Uniform = true);

/// <summary>
/// Joins glyph components into text lines: neighbours of similar size that overlap across the reading direction and
/// sit within about one glyph height along it. Horizontal lines first; the components left over are tried as
/// vertical (rotated) lines; what is still alone is kept only when it is large and strong (a side marker).
/// </summary>
internal static class LineGrouper
{
    private static readonly TextThresholds.DetectionThresholds Thresholds = TextThresholds.Default.Detection;

    public static IEnumerable<GroupedLine> Group(List<Component> components, int singletonMinHeight, int singletonMinContrast, int mergedLineMaxHeight)
    {
        var n = components.Count;
        var horizontal = Join(components, vertical: false, Enumerable.Range(0, n).ToList());
        var leftovers = new List<int>();
        foreach (var group in horizontal)
        {
            if (group.Count >= 2)
            {
                yield return ToLine(components, group, vertical: false);
            }
            else
            {
                leftovers.Add(group[0]);
            }
        }

        foreach (var group in Join(components, vertical: true, leftovers))
        {
            // A rotated line runs top to bottom: it is taller than wide. Two wide blobs stacked are no line.
            if (group.Count >= 2 && IsLongAlong(components, group))
            {
                yield return ToLine(components, group, vertical: true);
                continue;
            }

            var c = components[group[0]];
            var t = Thresholds;
            if (c.MaxContrast < singletonMinContrast || c.Sharpness < t.SingletonMinSharpness)
            {
                continue;
            }

            var elongated = c.Long > t.SingletonMaxElongation * c.Short;
            if (!elongated && c.Height >= singletonMinHeight && c.Fill > t.SingletonMinFill && c.Fill < t.SingletonMaxFill)
            {
                // One large glyph: a side marker such as L or R, or a lone digit.
                yield return ToLine(components, group, vertical: false);
            }
            else if (elongated && c.Short <= mergedLineMaxHeight)
            {
                // Small text whose glyphs touch through antialiasing is one elongated component: a whole line.
                var vertical = c.Height > c.Width;
                yield return new GroupedLine(c.X0, c.Y0, c.X1, c.Y1, vertical, c.Short, Math.Max(2, c.Long / Math.Max(1, c.Short)));
            }
        }
    }

    private static bool IsLongAlong(List<Component> components, List<int> group)
    {
        int x0 = int.MaxValue, y0 = int.MaxValue, x1 = 0, y1 = 0;
        foreach (var i in group)
        {
            var c = components[i];
            (x0, y0, x1, y1) = (Math.Min(x0, c.X0), Math.Min(y0, c.Y0), Math.Max(x1, c.X1), Math.Max(y1, c.Y1));
        }

        return y1 - y0 >= x1 - x0;
    }

    private static List<List<int>> Join(List<Component> components, bool vertical, List<int> members)
    {
        // Sort along the reading direction so each component only looks ahead a bounded distance.
        var order = members.OrderBy(i => vertical ? components[i].Y0 : components[i].X0).ToArray();
        var maxGlyph = members.Count == 0 ? 0 : members.Max(i => vertical ? components[i].Width : components[i].Height);
        var parent = new Dictionary<int, int>();
        foreach (var i in order)
        {
            parent[i] = i;
        }

        for (var a = 0; a < order.Length; a++)
        {
            var ca = components[order[a]];
            for (var b = a + 1; b < order.Length; b++)
            {
                var cb = components[order[b]];
                if (Start(cb, vertical) - End(ca, vertical) > Thresholds.JoinLookAhead * maxGlyph)
                {
                    break;
                }

                if (Neighbours(ca, cb, vertical))
                {
                    parent[Root(parent, order[b])] = Root(parent, order[a]);
                }
            }
        }

        return order.GroupBy(i => Root(parent, i)).Select(g => g.ToList()).ToList();
    }

    /// <summary>Where a component starts along the reading direction.</summary>
    private static int Start(Component c, bool vertical) => vertical ? c.Y0 : c.X0;

    /// <summary>Where a component ends along the reading direction.</summary>
    private static int End(Component c, bool vertical) => vertical ? c.Y1 : c.X1;

    /// <summary>
    /// Whether <paramref name="b"/>, which starts at or after <paramref name="a"/> along the reading direction, is the next
    /// glyph of the same line: of a similar size, overlapping it across, and close enough along.
    /// </summary>
    private static bool Neighbours(Component a, Component b, bool vertical)
    {
        var t = Thresholds;
        var sizeA = vertical ? a.Width : a.Height;
        var sizeB = vertical ? b.Width : b.Height;
        var maxSize = Math.Max(sizeA, sizeB);
        if (maxSize > t.JoinMaxSizeRatio * Math.Min(sizeA, sizeB))
        {
            return false;
        }

        // Overlap across the reading direction: a good part of the smaller glyph.
        var lo = vertical ? Math.Max(a.X0, b.X0) : Math.Max(a.Y0, b.Y0);
        var hi = vertical ? Math.Min(a.X1, b.X1) : Math.Min(a.Y1, b.Y1);
        if (hi - lo + 1 < t.JoinMinCrossOverlap * Math.Min(sizeA, sizeB))
        {
            return false;
        }

        return Start(b, vertical) - End(a, vertical) <= t.JoinMaxGap * Math.Max(maxSize, t.JoinMinGlyph);
    }

    /// <summary>The root of <paramref name="i"/>'s set in the union-find forest, halving the path on the way.</summary>
    private static int Root(Dictionary<int, int> parent, int i)
    {
        while (parent[i] != i)
        {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }

        return i;
    }

    private static GroupedLine ToLine(List<Component> components, List<int> group, bool vertical)
    {
        int x0 = int.MaxValue, y0 = int.MaxValue, x1 = 0, y1 = 0;
        var sizes = new List<int>(group.Count);
        foreach (var i in group)
        {
            var c = components[i];
            x0 = Math.Min(x0, c.X0);
            y0 = Math.Min(y0, c.Y0);
            x1 = Math.Max(x1, c.X1);
            y1 = Math.Max(y1, c.Y1);
            sizes.Add(vertical ? c.Width : c.Height);
        }

        sizes.Sort();
        var glyph = group.Count == 1 ? sizes[0] : sizes[sizes.Count - 1 - Thresholds.LineGlyphFromTop.Of(sizes.Count)];
        var uniform = group.Count == 1
            || (Variation(group.Select(i => components[i].StrokeWidth)) <= Thresholds.MaxStrokeVariation
                && Variation(group.Select(i => (double)components[i].MaxContrast)) <= Thresholds.MaxContrastVariation);
        return new GroupedLine(x0, y0, x1, y1, vertical, glyph, group.Count, uniform);
    }

    /// <summary>Coefficient of variation: standard deviation over mean.</summary>
    private static double Variation(IEnumerable<double> values)
    {
        var list = values.ToList();
        var mean = list.Average();
        var variance = list.Sum(v => (v - mean) * (v - mean)) / list.Count;
        return mean <= 0 ? 0 : Math.Sqrt(variance) / mean;
    }
}
