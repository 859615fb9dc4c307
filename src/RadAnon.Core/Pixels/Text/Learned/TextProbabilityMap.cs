namespace RadAnon.Core.Pixels.Text.Learned;

/// <summary>What a learned detector found in an image: the text boxes of the passes it ran, in image coordinates.</summary>
public sealed class TextProbabilityMap
{
    public TextProbabilityMap(int width, int height, int passes, IReadOnlyList<LearnedTextBox> boxes)
    {
        Width = width;
        Height = height;
        Passes = passes;
        Boxes = boxes;
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>How many detector passes made the map.</summary>
    public int Passes { get; }

    /// <summary>Text boxes (components of the thresholded map, grown back to the text's outline) in image coordinates.</summary>
    public IReadOnlyList<LearnedTextBox> Boxes { get; }

    /// <summary>This map with another's boxes added (a crop pass run after the overview).</summary>
    public TextProbabilityMap With(TextProbabilityMap other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return other.Passes == 0 ? this : new TextProbabilityMap(Width, Height, Passes + other.Passes, [.. Boxes, .. other.Boxes]);
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
}

/// <summary>A text box from the learned map: where, and its mean probability (0..1).</summary>
public readonly record struct LearnedTextBox(PixelBox Box, double Score);
