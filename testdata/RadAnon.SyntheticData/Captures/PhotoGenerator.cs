using RadAnon.Core.Pixels.Text;

namespace RadAnon.SyntheticData.Captures;

/// <summary>
/// A phone photo of a monitor: the photo with its truth, where the screen's corners landed (<see cref="Corners"/>) and
/// where they would be without perspective (<see cref="Nominal"/>), both clockwise from top-left, and the screen's scale.
/// </summary>
public sealed record PhotoCase(CaptureCase Photo, IReadOnlyList<(double X, double Y)> Corners, IReadOnlyList<(double X, double Y)> Nominal, double Scale)
{
    public int Seed => Photo.Seed;
}

/// <summary>
/// Seeded phone photos of the viewer screenshot of the same seed: the screen (scaled 0.95-1.1) in a bezel and a room,
/// each corner moved by up to 5 % of the screen's size, the pixel grid aliasing into moiré, then vignetting, a colour
/// cast and raised blacks, blur, noise and a JPEG round trip at quality 80-90. Every truth box is carried through the
/// transform as the axis-aligned bound of its warped quad.
/// </summary>
public static class PhotoGenerator
{
    /// <summary>The largest corner displacement, as a fraction of the screen's width (x) or height (y).</summary>
    public const double MaxCornerShift = 0.05;

    public static PhotoCase Generate(int seed)
    {
        var screen = ScreenshotGenerator.Generate(seed);
        var rng = new Random(unchecked((seed * 7919) + 17));
        var scale = 0.95 + (0.15 * rng.NextDouble());
        var (sw, sh) = (screen.Image.Width * scale, screen.Image.Height * scale);
        var bezel = (14 + rng.Next(28)) * scale;
        var margin = 0.06 + (0.05 * rng.NextDouble());
        var (pw, ph) = ((int)(sw + (2 * (bezel + (margin * sw)))), (int)(sh + (2 * (bezel + (margin * sh)))));
        var (ox, oy) = ((pw - sw) / 2, (ph - sh) / 2);
        (double X, double Y)[] nominal = [(ox, oy), (ox + sw, oy), (ox + sw, oy + sh), (ox, oy + sh)];
        var corners = nominal.Select(c => (c.X + (Shift(rng) * sw), c.Y + (Shift(rng) * sh))).ToArray();
        (double X, double Y)[] quad = [(0, 0), (screen.Image.Width, 0), (screen.Image.Width, screen.Image.Height), (0, screen.Image.Height)];
        var toPhoto = Homography.Fit(quad, corners);
        var scene = new PhotoScene(screen.Image, Homography.Fit(corners, quad), bezel / scale, 0.06 + (0.14 * rng.NextDouble()), rng);
        var photo = scene.Render(pw, ph);
        PhotoEffects.VignetteAndCast(photo, 0.1 + (0.25 * rng.NextDouble()), (Gain(rng), Gain(rng), Gain(rng)), 4 + rng.Next(10));
        photo = PhotoEffects.Blur(photo, 0.4 + (0.6 * rng.NextDouble()));
        PhotoEffects.Noise(photo, rng, 1 + (2.5 * rng.NextDouble()));
        photo = PhotoEffects.Jpeg(photo, 80 + rng.Next(11));
        var truth = screen.Truth.Select(t => Carry(t, toPhoto, photo.Bounds)).Where(t => !t.Box.IsEmpty).ToList();
        return new PhotoCase(new CaptureCase(seed, photo, truth), corners, nominal, scale);
    }

    private static double Shift(Random rng) => ((rng.NextDouble() * 2) - 1) * MaxCornerShift;

    private static double Gain(Random rng) => 0.88 + (0.24 * rng.NextDouble());

    /// <summary>The line's box warped: the bound of its four mapped corners; glyph height scaled as its left edge is.</summary>
    private static LineTruth Carry(LineTruth t, Homography toPhoto, PixelBox bounds)
    {
        var b = t.Box;
        var points = new[] { toPhoto.Apply(b.X, b.Y), toPhoto.Apply(b.Right, b.Y), toPhoto.Apply(b.Right, b.Bottom), toPhoto.Apply(b.X, b.Bottom) };
        var x0 = (int)Math.Floor(points.Min(p => p.X));
        var y0 = (int)Math.Floor(points.Min(p => p.Y));
        var x1 = (int)Math.Ceiling(points.Max(p => p.X));
        var y1 = (int)Math.Ceiling(points.Max(p => p.Y));
        var edge = Math.Sqrt(Math.Pow(points[3].X - points[0].X, 2) + Math.Pow(points[3].Y - points[0].Y, 2)) / Math.Max(1, b.Height);
        var box = new PixelBox(x0, y0, x1 - x0, y1 - y0).Intersect(bounds);
        return t with { Box = box, GlyphHeight = Math.Max(1, (int)Math.Round(t.GlyphHeight * edge)) };
    }
}
