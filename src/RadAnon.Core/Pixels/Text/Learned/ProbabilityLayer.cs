namespace RadAnon.Core.Pixels.Text.Learned;

/// <summary>
/// One detector pass: probabilities (× 255) on a grid of <see cref="Width"/> × <see cref="Height"/> cells covering
/// <see cref="Source"/>, a part of the image, scaled by <see cref="ScaleX"/>, <see cref="ScaleY"/> (cells per pixel).
/// </summary>
public sealed record ProbabilityLayer(byte[] Probability, int Width, int Height, PixelBox Source, double ScaleX, double ScaleY)
{
    /// <summary>The share of the cells under <paramref name="box"/> at or above <paramref name="threshold"/>; 0 if the pass does not cover it.</summary>
    public double Share(PixelBox box, double threshold)
    {
        var inside = box.Intersect(Source);
        if (inside.IsEmpty || inside.Area * 2 < box.Area)
        {
            return 0;
        }

        var (x0, y0, x1, y1) = Cells(inside);
        var level = (byte)Math.Clamp(Math.Ceiling(threshold * 255), 0, 255);
        long hits = 0;
        for (var y = y0; y < y1; y++)
        {
            var row = Probability.AsSpan((y * Width) + x0, x1 - x0);
            foreach (var p in row)
            {
                hits += p >= level ? 1 : 0;
            }
        }

        return hits / (double)((long)(x1 - x0) * (y1 - y0));
    }

    /// <summary>The cells under an image box (at least one).</summary>
    private (int X0, int Y0, int X1, int Y1) Cells(PixelBox box)
    {
        var x0 = Math.Clamp((int)Math.Floor((box.X - Source.X) * ScaleX), 0, Width - 1);
        var y0 = Math.Clamp((int)Math.Floor((box.Y - Source.Y) * ScaleY), 0, Height - 1);
        var x1 = Math.Clamp((int)Math.Ceiling((box.Right - Source.X) * ScaleX), x0 + 1, Width);
        var y1 = Math.Clamp((int)Math.Ceiling((box.Bottom - Source.Y) * ScaleY), y0 + 1, Height);
        return (x0, y0, x1, y1);
    }

    /// <summary>A box of cells back in image coordinates.</summary>
    public PixelBox ToImage(int cellX, int cellY, int cellWidth, int cellHeight)
    {
        var x0 = Source.X + (int)Math.Floor(cellX / ScaleX);
        var y0 = Source.Y + (int)Math.Floor(cellY / ScaleY);
        var x1 = Source.X + (int)Math.Ceiling((cellX + cellWidth) / ScaleX);
        var y1 = Source.Y + (int)Math.Ceiling((cellY + cellHeight) / ScaleY);
        return new PixelBox(x0, y0, x1 - x0, y1 - y0).Intersect(Source);
    }
}
