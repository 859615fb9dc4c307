namespace RadAnon.SyntheticData.Captures;

/// <summary>
/// The geometry of a photo of a monitor: each photo pixel is traced back to the screen (bilinear, with the screen's
/// pixel grid modulating it, which aliases into moiré at near 1:1 sampling), the bezel around the screen or the room.
/// </summary>
internal sealed class PhotoScene(RgbCanvas screen, Homography toScreen, double bezel, double grid, Random rng)
{
    private readonly Rgb bezelColour = Rgb.Gray(12 + rng.Next(24));
    private readonly Rgb wallTop = new((byte)(90 + rng.Next(80)), (byte)(90 + rng.Next(70)), (byte)(80 + rng.Next(70)));
    private readonly Rgb wallBottom = new((byte)(40 + rng.Next(60)), (byte)(40 + rng.Next(50)), (byte)(35 + rng.Next(50)));
    private readonly Rgb desk = new((byte)(70 + rng.Next(60)), (byte)(45 + rng.Next(40)), (byte)(25 + rng.Next(30)));
    private readonly double deskLine = 0.85 + (0.1 * rng.NextDouble());

    public RgbCanvas Render(int width, int height)
    {
        var photo = new RgbCanvas(width, height);
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var (u, v) = toScreen.Apply(x + 0.5, y + 0.5);
                photo[x, y] = u >= 0 && v >= 0 && u < screen.Width && v < screen.Height ? Screen(u, v)
                    : u >= -bezel && v >= -bezel && u < screen.Width + bezel && v < screen.Height + bezel ? bezelColour
                    : Room(y / (double)height);
            }
        }

        return photo;
    }

    private Rgb Room(double t) => t > deskLine ? desk : RgbCanvas.Mix(wallTop, wallBottom, t);

    /// <summary>The screen at continuous (u, v), bilinear, times the grid of each subpixel stripe (R, G, B thirds).</summary>
    private Rgb Screen(double u, double v)
    {
        var (fx, fy) = (u - 0.5, v - 0.5);
        var x0 = Math.Clamp((int)Math.Floor(fx), 0, screen.Width - 1);
        var y0 = Math.Clamp((int)Math.Floor(fy), 0, screen.Height - 1);
        var x1 = Math.Min(x0 + 1, screen.Width - 1);
        var y1 = Math.Min(y0 + 1, screen.Height - 1);
        var (ax, ay) = (Math.Clamp(fx - x0, 0, 1), Math.Clamp(fy - y0, 0, 1));
        var top = RgbCanvas.Mix(screen[x0, y0], screen[x1, y0], ax);
        var bottom = RgbCanvas.Mix(screen[x0, y1], screen[x1, y1], ax);
        var c = RgbCanvas.Mix(top, bottom, ay);
        var row = 0.5 * (1 + Math.Cos(2 * Math.PI * v));
        return new Rgb(Grid(c.R, u, 0, row), Grid(c.G, u, 1, row), Grid(c.B, u, 2, row));
    }

    private byte Grid(byte value, double u, int stripe, double row)
    {
        var column = 0.5 * (1 + Math.Cos(2 * Math.PI * (u - (stripe / 3.0))));
        return (byte)Math.Round(value * (1 - grid + (grid * column * row)));
    }
}
