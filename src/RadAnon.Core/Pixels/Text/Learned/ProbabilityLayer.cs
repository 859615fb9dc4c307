namespace RadAnon.Core.Pixels.Text.Learned;

/// <summary>
/// One detector pass: probabilities (× 255) on a grid of <see cref="Width"/> × <see cref="Height"/> cells covering
/// <see cref="Source"/>, a part of the image, scaled by <see cref="ScaleX"/>, <see cref="ScaleY"/> (cells per pixel).
/// </summary>
public sealed record ProbabilityLayer(byte[] Probability, int Width, int Height, PixelBox Source, double ScaleX, double ScaleY)
{
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
