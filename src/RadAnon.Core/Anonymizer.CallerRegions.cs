using RadAnon.Core.Pixels.Text;

namespace RadAnon.Core;

/// <summary>
/// Caller boxes made bounded before any pixel work (issue 20, finding 4): 256 full-image "add" boxes painted the whole
/// image 256 times (12 s, 3 GiB). Boxes are clipped to the image; "add" boxes become disjoint pieces covering exactly
/// their union, so painting costs the union's area once; "veto" boxes are clipped and those inside another dropped
/// (a veto only decides which detected regions are kept, so its shape is kept as given).
/// </summary>
internal static class CallerRegions
{
    /// <summary>The cleaning options for an image of this size, with the caller's boxes normalised.</summary>
    public static TextCleaningOptions For(AnonymizeOptions options, int width, int height)
    {
        var cleaning = options.ToCleaningOptions();
        return cleaning with
        {
            AddRegions = DisjointUnion(Clip(options.AddRegions, width, height)),
            VetoRegions = WithoutContained(Clip(options.VetoRegions, width, height)),
        };
    }

    internal static List<PixelBox> Clip(IEnumerable<PixelBox> boxes, int width, int height)
    {
        var image = new PixelBox(0, 0, width, height);
        return [.. boxes.Select(b => b.Intersect(image)).Where(b => !b.IsEmpty)];
    }

    internal static List<PixelBox> WithoutContained(List<PixelBox> boxes)
    {
        var kept = new List<PixelBox>(boxes.Count);
        for (var i = 0; i < boxes.Count; i++)
        {
            var box = boxes[i];
            var inAnother = false;
            for (var j = 0; j < boxes.Count && !inAnother; j++)
            {
                // Of two equal boxes the first is kept.
                inAnother = j != i && boxes[j].Intersect(box) == box && (boxes[j] != box || j < i);
            }

            if (!inAnother)
            {
                kept.Add(box);
            }
        }

        return kept;
    }

    /// <summary>
    /// Disjoint boxes covering exactly the union: horizontal bands between the boxes' edges, merged intervals per band,
    /// a piece extended downwards while the next band has the same interval. More pieces than
    /// <see cref="AnonymizeOptions.MaxRegions"/> (boxes crossing in a grid) are refused: the work stays bounded.
    /// </summary>
    internal static List<PixelBox> DisjointUnion(List<PixelBox> boxes)
    {
        boxes = WithoutContained(boxes);
        if (!AnyOverlap(boxes))
        {
            return boxes;
        }

        var edges = boxes.SelectMany(b => new[] { b.Y, b.Bottom }).Distinct().Order().ToArray();
        var open = new List<PixelBox>();
        var done = new List<PixelBox>();
        for (var e = 0; e + 1 < edges.Length; e++)
        {
            var (y0, y1) = (edges[e], edges[e + 1]);
            var intervals = MergedIntervals(boxes.Where(b => b.Y <= y0 && b.Bottom >= y1));
            var next = new List<PixelBox>(intervals.Count);
            foreach (var (x0, x1) in intervals)
            {
                var index = open.FindIndex(p => p.X == x0 && p.Right == x1 && p.Bottom == y0);
                if (index >= 0)
                {
                    next.Add(open[index] with { Height = y1 - open[index].Y });
                    open.RemoveAt(index);
                }
                else
                {
                    next.Add(new PixelBox(x0, y0, x1 - x0, y1 - y0));
                }
            }

            done.AddRange(open);
            open = next;
            if (done.Count + open.Count > AnonymizeOptions.MaxRegions)
            {
                throw new InvalidOptionsException("regions",
                    $"the add regions cross into more than {AnonymizeOptions.MaxRegions} separate pieces; send fewer boxes, or boxes that do not cross");
            }
        }

        done.AddRange(open);
        return done;
    }

    private static bool AnyOverlap(List<PixelBox> boxes)
    {
        for (var i = 0; i < boxes.Count; i++)
        {
            for (var j = i + 1; j < boxes.Count; j++)
            {
                if (boxes[i].Intersects(boxes[j]))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static List<(int X0, int X1)> MergedIntervals(IEnumerable<PixelBox> covering)
    {
        var merged = new List<(int X0, int X1)>();
        foreach (var b in covering.OrderBy(b => b.X))
        {
            if (merged.Count > 0 && b.X <= merged[^1].X1)
            {
                merged[^1] = (merged[^1].X0, Math.Max(merged[^1].X1, b.Right));
            }
            else
            {
                merged.Add((b.X, b.Right));
            }
        }

        return merged;
    }
}
