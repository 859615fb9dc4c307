using NetVips;
using RadAnon.Core.Pixels;
using RadAnon.Core.Pixels.Text;
using RadAnon.SyntheticData.Anatomy;

namespace RadAnon.SyntheticData.Captures;

/// <summary>An 8-bit image for a viewport or thumbnail, with the markers already burned into it (scaled), and its source.</summary>
public sealed record ViewportImage(GrayImage Image, IReadOnlyList<(PixelBox Box, int GlyphHeight, string Text)> Markers, string Source);

/// <summary>
/// Picks what a viewport shows: a real radiograph from the shared corpus (half of the draws when the corpus is there),
/// a synthetic radiograph carrying only its two markers, or text-free synthetic anatomy; scales it to fit.
/// </summary>
public static class ViewportAnatomy
{
    /// <summary>With <paramref name="markers"/> false (thumbnails) the synthetic radiograph is replaced by text-free anatomy.</summary>
    public static ViewportImage Pick(Random rng, bool markers = true)
    {
        ArgumentNullException.ThrowIfNull(rng);
        var draw = rng.Next(4);
        var index = rng.Next(1000);
        var seed = rng.Next(1, 100_000);
        if (draw < 2 && CorpusRadiographs.Pick(index) is { } real)
        {
            return new ViewportImage(real.Image, [], "corpus:" + real.Path);
        }

        if (draw == 2 && markers)
        {
            // Two text lines requested means no identifying line: only the generator's two markers stay in the image.
            var c = RadiographGenerator.Generate(seed, new GeneratorOptions { MinTextLines = 2, MaxTextLines = 2 });
            return new ViewportImage(c.Image, c.Truth.Where(t => !t.Identifying).Select(t => (new PixelBox(t.X, t.Y, t.Width, t.Height), t.GlyphHeight, t.Text)).ToList(), "radiograph:" + seed);
        }

        // A thumbnail needs no full-size anatomy: a quarter of it draws four times fewer strokes.
        var a = markers ? AnatomyGenerator.Generate(seed) : AnatomyGenerator.Generate(seed, 8, 256, 320);
        return new ViewportImage(a.Image, [], "anatomy:" + seed);
    }

    /// <summary>The image scaled to fit inside <paramref name="width"/> x <paramref name="height"/>, aspect kept; markers follow.</summary>
    public static ViewportImage Fit(ViewportImage source, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(source);
        var image = source.Image;
        var scale = Math.Min(width / (double)image.Width, height / (double)image.Height);
        using var vips = Image.NewFromMemory(image.To8BitView(), image.Width, image.Height, 1, Enums.BandFormat.Uchar);
        using var resized = vips.Resize(scale, vscale: scale);
        var fitted = GrayImage.Create8(Math.Min(width, resized.Width), Math.Min(height, resized.Height));
        var data = resized.WriteToMemory<byte>();
        for (var y = 0; y < fitted.Height; y++)
        {
            data.AsSpan(y * resized.Width, fitted.Width).CopyTo(fitted.Row8(y));
        }

        var markers = source.Markers.Select(m => (Scale(m.Box, scale, fitted), Math.Max(1, (int)Math.Round(m.GlyphHeight * scale)), m.Text)).ToList();
        return new ViewportImage(fitted, markers, source.Source);
    }

    private static PixelBox Scale(PixelBox b, double s, GrayImage bounds)
    {
        var x0 = (int)Math.Floor(b.X * s);
        var y0 = (int)Math.Floor(b.Y * s);
        var x1 = (int)Math.Ceiling(b.Right * s);
        var y1 = (int)Math.Ceiling(b.Bottom * s);
        return new PixelBox(x0, y0, x1 - x0, y1 - y0).Intersect(new PixelBox(0, 0, bounds.Width, bounds.Height));
    }
}
