namespace RadAnon.Core.Pixels.Text;

/// <summary>Light strokes on a darker surround, or dark strokes on a lighter one.</summary>
public enum TextPolarity
{
    LightOnDark,
    DarkOnLight,
}

/// <summary>An axis-aligned box in full-resolution image coordinates.</summary>
public readonly record struct PixelBox(int X, int Y, int Width, int Height)
{
    public int Right => X + Width;

    public int Bottom => Y + Height;

    public long Area => (long)Width * Height;

    public bool IsEmpty => Width <= 0 || Height <= 0;

    public PixelBox Inflate(int margin, int imageWidth, int imageHeight)
    {
        var x0 = Math.Max(0, X - margin);
        var y0 = Math.Max(0, Y - margin);
        var x1 = Math.Min(imageWidth, Right + margin);
        var y1 = Math.Min(imageHeight, Bottom + margin);
        return new PixelBox(x0, y0, Math.Max(0, x1 - x0), Math.Max(0, y1 - y0));
    }

    public PixelBox Intersect(PixelBox other)
    {
        var x0 = Math.Max(X, other.X);
        var y0 = Math.Max(Y, other.Y);
        var x1 = Math.Min(Right, other.Right);
        var y1 = Math.Min(Bottom, other.Bottom);
        return x1 > x0 && y1 > y0 ? new PixelBox(x0, y0, x1 - x0, y1 - y0) : default;
    }

    public PixelBox Union(PixelBox other)
    {
        var x0 = Math.Min(X, other.X);
        var y0 = Math.Min(Y, other.Y);
        return new PixelBox(x0, y0, Math.Max(Right, other.Right) - x0, Math.Max(Bottom, other.Bottom) - y0);
    }

    public bool Intersects(PixelBox other) => !Intersect(other).IsEmpty;

    public bool Contains(int x, int y) => x >= X && x < Right && y >= Y && y < Bottom;

    /// <summary>Unions boxes until none overlap (each area is then processed once).</summary>
    internal static List<PixelBox> MergeOverlapping(IEnumerable<PixelBox> boxes)
    {
        var list = boxes.ToList();
        for (var merged = true; merged;)
        {
            merged = false;
            for (var i = 0; i < list.Count && !merged; i++)
            {
                for (var j = i + 1; j < list.Count; j++)
                {
                    if (list[i].Intersects(list[j]))
                    {
                        list[i] = list[i].Union(list[j]);
                        list.RemoveAt(j);
                        merged = true;
                        break;
                    }
                }
            }
        }

        return list;
    }
}

/// <summary>
/// A text-like region found by the cheap cues: a line of glyph-like components (or one strong glyph), in
/// full-resolution coordinates, with where its contrast map lives for OCR.
/// </summary>
internal sealed record TextCandidate
{
    public required PixelBox Box { get; init; }

    public required TextPolarity Polarity { get; init; }

    /// <summary>True when the glyphs run top-to-bottom (text rotated by 90 degrees).</summary>
    public required bool Vertical { get; init; }

    /// <summary>Glyph height across the reading direction (a line's upper-quartile glyph size), full-resolution pixels.</summary>
    public required int GlyphHeight { get; init; }

    public required int GlyphCount { get; init; }

    /// <summary>The detection scale (1 = full resolution) it was found at.</summary>
    public required int Scale { get; init; }

    /// <summary>Stroke widths and contrasts consistent along the line (see <see cref="GroupedLine.Uniform"/>).</summary>
    public bool Uniform { get; init; } = true;

    /// <summary>
    /// Lies inside a larger, non-uniform candidate without being folded into it (see TextDetector.IsOtherTextInside):
    /// it stands for itself only when it reads as something.
    /// </summary>
    public bool InsideLarger { get; init; }
}
