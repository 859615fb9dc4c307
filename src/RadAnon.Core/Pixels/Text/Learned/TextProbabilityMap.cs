namespace RadAnon.Core.Pixels.Text.Learned;

/// <summary>
/// A learned detector's text probability over an image, kept as the passes that made it (each a map of bytes,
/// probability × 255, over part of the image at its own scale), and the text boxes found in them.
/// </summary>
public sealed class TextProbabilityMap
{
    private readonly IReadOnlyList<ProbabilityLayer> layers;

    public TextProbabilityMap(int width, int height, IReadOnlyList<ProbabilityLayer> layers, IReadOnlyList<LearnedTextBox> boxes)
    {
        Width = width;
        Height = height;
        this.layers = layers;
        Boxes = boxes;
    }

    /// <summary>The passes, as run.</summary>
    public IReadOnlyList<ProbabilityLayer> Layers => layers;

    public int Width { get; }

    public int Height { get; }

    /// <summary>Text boxes (components of the thresholded map, grown back to the text's outline) in image coordinates.</summary>
    public IReadOnlyList<LearnedTextBox> Boxes { get; }

    /// <summary>A map that says nothing is text (what an image too small for any pass gets).</summary>
    public static TextProbabilityMap Empty(int width, int height) => new(width, height, [], []);

    /// <summary>This map with another's passes and boxes added (a crop pass run after the overview).</summary>
    public TextProbabilityMap With(TextProbabilityMap other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return other.layers.Count == 0 ? this : new TextProbabilityMap(Width, Height, [.. layers, .. other.layers], [.. Boxes, .. other.Boxes]);
    }

    /// <summary>
    /// The share of <paramref name="box"/> covered by learned text boxes of a thickness (across their long side) from
    /// <paramref name="minThickness"/> to <paramref name="maxThickness"/>: text of the box's own size. A map that fires on
    /// a whole lung field makes one box far thicker than any line in it, and small labels inside a large shape are far
    /// thinner than it; neither says the shape is text.
    /// </summary>
    public double Coverage(PixelBox box, int minThickness, int maxThickness)
    {
        if (box.IsEmpty)
        {
            return 0;
        }

        var covered = new bool[box.Width * box.Height];
        var count = 0L;
        foreach (var learned in Boxes)
        {
            var part = learned.Box.Intersect(box);
            var thickness = Math.Min(learned.Box.Width, learned.Box.Height);
            if (part.IsEmpty || thickness > maxThickness || thickness < minThickness)
            {
                continue;
            }

            for (var y = part.Y; y < part.Bottom; y++)
            {
                var row = covered.AsSpan(((y - box.Y) * box.Width) + part.X - box.X, part.Width);
                foreach (ref var cell in row)
                {
                    count += cell ? 0 : 1;
                    cell = true;
                }
            }
        }

        return count / (double)box.Area;
    }

    /// <summary>
    /// The share of <paramref name="box"/> that some pass sees as text (probability at or above <paramref name="threshold"/>),
    /// from the pass that sees most of it.
    /// </summary>
    public double Support(PixelBox box, double threshold)
    {
        var best = 0.0;
        foreach (var layer in layers)
        {
            best = Math.Max(best, layer.Share(box, threshold));
        }

        return best;
    }
}

/// <summary>A text box from the learned map: where, and its mean probability (0..1).</summary>
public readonly record struct LearnedTextBox(PixelBox Box, double Score);
