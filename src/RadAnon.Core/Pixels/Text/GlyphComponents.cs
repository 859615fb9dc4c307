using System.Runtime.CompilerServices;
namespace RadAnon.Core.Pixels.Text;

/// <summary>Geometry and contrast of one connected component of a thresholded contrast map.</summary>
internal readonly record struct Component(int X0, int Y0, int X1, int Y1, int Area, int Perimeter, int MaxContrast, int MaxStep)
{
    /// <summary>
    /// The steepest one-pixel intensity step inside the component over its contrast. Rendered glyphs have sharp edges
    /// (close to 1, or about 0.5 for an antialiased ramp); bone edges, soft tissue and noise ramp slowly.
    /// </summary>
    public double Sharpness => MaxStep / (double)Math.Max(1, MaxContrast);

    public int Width => X1 - X0 + 1;

    public int Height => Y1 - Y0 + 1;

    public int Long => Math.Max(Width, Height);

    public int Short => Math.Min(Width, Height);

    public double Fill => Area / (double)(Width * Height);

    /// <summary>Mean stroke width: area over half the boundary length (a stroke of length L and width w has area Lw and boundary about 2L).</summary>
    public double StrokeWidth => Area / Math.Max(1.0, Perimeter / 2.0);
}

/// <summary>
/// Hysteresis connected components (8-connected): pixels above the low threshold joined to at least one above the
/// strong threshold, with the glyph tests (size, fill, stroke width) applied to each.
/// </summary>
internal static class GlyphComponents
{
    private static readonly TextThresholds.DetectionThresholds Thresholds = TextThresholds.Default.Detection;

    /// <param name="image">The gray image the map was computed from, same geometry: for the edge sharpness cue.</param>
    // Optimised at first call, as the pixel loops in Morphology are (see there).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static List<Component> Find(ContrastMap map, byte[] image, int minLong, int maxShort)
    {
        var values = map.Values;
        var visited = new bool[values.Length];
        var stack = new Stack<int>();
        var found = new List<Component>();
        if (map.StrongThreshold > byte.MaxValue)
        {
            return found;
        }

        var strong = (byte)Math.Max(0, map.StrongThreshold);
        for (var start = 0; start < values.Length; start++)
        {
            // Seeds are rare (a few per cent of a radiograph): jump to the next one with a vectorised search.
            var next = values.AsSpan(start).IndexOfAnyInRange(strong, byte.MaxValue);
            if (next < 0)
            {
                break;
            }

            start += next;
            if (visited[start])
            {
                continue;
            }

            var c = Flood(map, image, start, visited, stack);
            if (IsGlyphLike(c, minLong, maxShort))
            {
                found.Add(c);
            }
        }

        return found;
    }

    /// <summary>
    /// The component grown from the seed <paramref name="start"/> over the pixels at or above the low threshold, marking
    /// them in <paramref name="visited"/>; <paramref name="stack"/> is the empty work stack, reused across components.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static Component Flood(ContrastMap map, byte[] image, int start, bool[] visited, Stack<int> stack)
    {
        var w = map.Width;
        var values = map.Values;
        int x0 = int.MaxValue, y0 = int.MaxValue, x1 = -1, y1 = -1, area = 0, perimeter = 0, maxC = 0, maxStep = 0;
        visited[start] = true;
        stack.Push(start);
        while (stack.Count > 0)
        {
            var p = stack.Pop();
            var x = p % w;
            var y = p / w;
            area++;
            maxC = Math.Max(maxC, values[p]);
            maxStep = Math.Max(maxStep, EdgeStep(image, w, map.Height, x, y));
            x0 = Math.Min(x0, x);
            x1 = Math.Max(x1, x);
            y0 = Math.Min(y0, y);
            y1 = Math.Max(y1, y);
            if (PushNeighbours(map, x, y, visited, stack))
            {
                perimeter++;
            }
        }

        return new Component(x0, y0, x1, y1, area, perimeter, maxC, maxStep);
    }

    /// <summary>The largest intensity difference between the pixel at (x, y) and its 4-neighbours inside the image.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int EdgeStep(byte[] image, int w, int h, int x, int y)
    {
        var p = (y * w) + x;
        var v = image[p];
        return Math.Max(
            Math.Max(x > 0 ? Math.Abs(v - image[p - 1]) : 0, x < w - 1 ? Math.Abs(v - image[p + 1]) : 0),
            Math.Max(y > 0 ? Math.Abs(v - image[p - w]) : 0, y < h - 1 ? Math.Abs(v - image[p + w]) : 0));
    }

    /// <summary>
    /// Pushes the unvisited 8-neighbours of (x, y) that are at or above the low threshold; true when one of its
    /// 4-neighbours is outside the image or below that threshold (the pixel is on the component's boundary).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool PushNeighbours(ContrastMap map, int x, int y, bool[] visited, Stack<int> stack)
    {
        var (w, h, values) = (map.Width, map.Height, map.Values);
        var boundary = false;
        for (var dy = -1; dy <= 1; dy++)
        {
            var ny = y + dy;
            for (var dx = -1; dx <= 1; dx++)
            {
                var nx = x + dx;
                if ((dx | dy) == 0)
                {
                    continue;
                }

                if (nx < 0 || ny < 0 || nx >= w || ny >= h || values[(ny * w) + nx] < map.LowThreshold)
                {
                    boundary |= dx == 0 || dy == 0;
                    continue;
                }

                var q = (ny * w) + nx;
                if (!visited[q])
                {
                    visited[q] = true;
                    stack.Push(q);
                }
            }
        }

        return boundary;
    }

    private static bool IsGlyphLike(Component c, int minLong, int maxShort)
    {
        var t = Thresholds;
        if (c.Long < minLong || c.Short > maxShort || c.Area < t.MinComponentArea || c.Short < 2)
        {
            return false;
        }

        // Long thin structures (collimation edges, wires, ribs) are not glyphs, nor are runs of many touching letters.
        if (c.Long > t.MaxElongation * c.Short && c.Long > maxShort)
        {
            return false;
        }

        // Rendered text has crisp edges; smooth anatomy (bone ends, vessels, soft tissue folds) does not.
        if (c.Sharpness < t.MinSharpness)
        {
            return false;
        }

        var fill = c.Fill;
        if (fill < t.MinFill || (fill > t.MaxFill && c.Short > t.SolidMinShort))
        {
            return false;
        }

        // Strokes are thin relative to the glyph: solid blobs and disks fail here.
        return c.StrokeWidth <= Math.Max(t.MinStrokeAllowance, t.MaxStrokeShareOfLong * c.Long)
            && c.StrokeWidth <= Math.Max(t.MinStrokeAllowance, maxShort * t.MaxStrokeShareOfMaxGlyph);
    }
}
