using System.Runtime.CompilerServices;
namespace RadAnon.Core.Pixels.Text;

/// <summary>Limits for the cheap text cues (defaults from <see cref="TextThresholds.DetectionThresholds"/>).</summary>
internal sealed record TextDetectorSettings
{
    /// <summary>Smallest glyph (capital) height looked for, full-resolution pixels.</summary>
    public int MinGlyphHeight { get; init; } = TextThresholds.Default.Detection.MinGlyphHeight;

    /// <summary>Largest glyph height looked for, full-resolution pixels.</summary>
    public int MaxGlyphHeight { get; init; } = TextThresholds.Default.Detection.MaxGlyphHeight;

    /// <summary>The least stroke contrast (8-bit levels) a glyph must reach somewhere.</summary>
    public int MinContrast { get; init; } = TextThresholds.Default.Detection.MinStrokeContrast;

    /// <summary>A lone component (no line partner) must reach this contrast and size to be a candidate.</summary>
    public int SingletonMinHeight { get; init; } = TextThresholds.Default.Detection.SingletonMinHeight;
}

/// <summary>
/// Finds text-like regions on the full-resolution image without OCR: top-hat (light text) and black-hat (dark
/// text) at two scales, hysteresis components filtered by glyph geometry and stroke width, then grouped into
/// horizontal lines, vertical (90-degree) lines, and strong lone glyphs such as side markers.
/// </summary>
internal sealed class TextDetector
{
    private static readonly TextThresholds.DetectionThresholds Thresholds = TextThresholds.Default.Detection;

    private readonly TextDetectorSettings settings;

    public TextDetector(TextDetectorSettings settings) => this.settings = settings;

    public IReadOnlyList<TextCandidate> Detect(byte[] view, int width, int height) =>
        Detect(view, width, height, EstimateNoise(view, width, height), fine: true, coarse: true);

    /// <summary>
    /// Detection inside some areas only (each with enough context around it for the morphology), boxes in image
    /// coordinates. <paramref name="noise"/> is the whole image's, so thresholds match a whole-image pass.
    /// </summary>
    public IReadOnlyList<TextCandidate> DetectIn(byte[] view, int width, int height, IEnumerable<PixelBox> areas, double noise)
    {
        var found = new List<TextCandidate>();
        foreach (var area in areas)
        {
            var a = area.Inflate(Thresholds.CoarseScale * ((2 * Thresholds.HatRadius) + 2), width, height);
            var crop = Crop(view, width, a);

            foreach (var c in Detect(crop, a.Width, a.Height, noise, fine: true, coarse: true))
            {
                found.Add(c with { Box = new PixelBox(c.Box.X + a.X, c.Box.Y + a.Y, c.Box.Width, c.Box.Height) });
            }
        }

        return found;
    }

    /// <param name="fine">Run the full-resolution passes (glyphs up to ~40 px).</param>
    /// <param name="coarse">Run the reduced-scale passes (larger glyphs; cheap, a ninth of the pixels).</param>
    public IReadOnlyList<TextCandidate> Detect(byte[] view, int width, int height, double noise, bool fine, bool coarse)
    {
        var t = Thresholds;
        var strong = StrokeContrast(noise, settings.MinContrast);
        var low = Math.Max(t.MinLowContrast, strong / 2);

        // Scale 1 covers glyphs up to ~40 px; strokes of larger text are wider than the element, so scale 3 takes those.
        // Full-resolution passes run only in the areas where the screen says a strong response is possible at all.
        var passes = new List<(int Scale, byte[] Image, int W, int H, int MinLong, int MaxShort, TextPolarity Polarity, PixelBox Area)>();
        if (fine)
        {
            var (light, dark) = TextScreen.Areas(view, width, height, t.HatRadius, strong);
            foreach (var (polarity, area) in light.Select(a => (TextPolarity.LightOnDark, a)).Concat(dark.Select(a => (TextPolarity.DarkOnLight, a))))
            {
                passes.Add((1, view, width, height, Math.Max(t.MinComponentLong, settings.MinGlyphHeight / 2), t.FineScaleMaxGlyph, polarity, area));
            }
        }

        if (coarse && settings.MaxGlyphHeight > t.FineScaleMaxGlyph)
        {
            var scale = t.CoarseScale;
            var small = Morphology.Downsample(view, width, height, scale, out var sw, out var sh);
            var minLong = Math.Max(t.MinComponentLong, t.CoarseMinGlyphShare.Of(t.FineScaleMaxGlyph) / scale);
            foreach (var polarity in new[] { TextPolarity.LightOnDark, TextPolarity.DarkOnLight })
            {
                passes.Add((scale, small, sw, sh, minLong, (settings.MaxGlyphHeight + 2) / scale, polarity, new PixelBox(0, 0, sw, sh)));
            }
        }

        // The passes are independent: one per core, each with its own buffers; only its candidates are kept.
        var found = new List<TextCandidate>[passes.Count];
        Parallel.For(0, passes.Count, i =>
        {
            var (scale, whole, ww, wh, minLong, maxShort, polarity, area) = passes[i];
            var (image, w, h) = area.Width == ww && area.Height == wh ? (whole, ww, wh) : (Crop(whole, ww, area), area.Width, area.Height);
            var values = polarity == TextPolarity.LightOnDark
                ? Morphology.TopHat(image, w, h, t.HatRadius)
                : Morphology.BlackHat(image, w, h, t.HatRadius);
            var map = new ContrastMap(values, w, h, scale, polarity, low, strong);
            var components = GlyphComponents.Find(map, image, minLong, maxShort);
            var singletonMin = Math.Max(2, settings.SingletonMinHeight / scale);
            var list = new List<TextCandidate>();
            foreach (var line in LineGrouper.Group(components, singletonMin, strong + (strong / 2), Math.Max(t.MergedLineMinHeight, t.MergedLineMaxGlyph / scale)))
            {
                // Fragments smaller than the smallest text looked for (stroke pieces inside big glyphs, noise), and
                // "lines" across which the glyphs would be taller than the largest text looked for.
                if (t.MinFragmentShare.NotReachedBy(line.GlyphHeight * scale, settings.MinGlyphHeight) || line.GlyphHeight > maxShort)
                {
                    continue;
                }

                var c = ToFullResolution(line, scale, polarity, width, height);
                list.Add(c with { Box = new PixelBox(c.Box.X + area.X, c.Box.Y + area.Y, c.Box.Width, c.Box.Height) });
            }

            found[i] = list;
        });

        return RemoveContained(found.SelectMany(f => f).ToList());
    }

    /// <summary>The stroke contrast (8-bit levels) a glyph must reach somewhere, for an image's noise, with the default least contrast.</summary>
    public static int StrokeContrast(double noise) => StrokeContrast(noise, Thresholds.MinStrokeContrast);

    /// <summary>The stroke contrast (8-bit levels) a glyph must reach somewhere, for an image's noise.</summary>
    public static int StrokeContrast(double noise, int minContrast) => Math.Max(minContrast, (int)Math.Ceiling(Thresholds.StrokeNoiseFactor * noise));

    /// <summary>The area of a row-major 8-bit image as its own buffer.</summary>
    internal static byte[] Crop(byte[] image, int width, PixelBox area)
    {
        var crop = new byte[area.Width * area.Height];
        for (var y = 0; y < area.Height; y++)
        {
            image.AsSpan(((area.Y + y) * width) + area.X, area.Width).CopyTo(crop.AsSpan(y * area.Width, area.Width));
        }

        return crop;
    }

    private static TextCandidate ToFullResolution(GroupedLine line, int scale, TextPolarity polarity, int width, int height)
    {
        var x0 = line.X0 * scale;
        var y0 = line.Y0 * scale;
        var x1 = Math.Min(width, (line.X1 + 1) * scale);
        var y1 = Math.Min(height, (line.Y1 + 1) * scale);
        return new TextCandidate
        {
            Box = new PixelBox(x0, y0, x1 - x0, y1 - y0),
            Polarity = polarity,
            Vertical = line.Vertical,
            GlyphHeight = line.GlyphHeight * scale,
            GlyphCount = line.Count,
            Scale = scale,
            Uniform = line.Uniform,
        };
    }

    /// <summary>
    /// Folds a candidate into a larger one of the same polarity when most of it lies inside (the same text seen at both
    /// scales); the larger box grows to the union, so a first word only one scale saw is not lost.
    /// </summary>
    /// <remarks>
    /// Only within one polarity: a light glyph inside a dark backing box also makes a larger black-hat echo of the box
    /// around it, and the echo must not swallow the glyph (OCR confidence decides between them later). A line of glyphs
    /// in one ink under half the height of a host that is not (see <see cref="IsOtherTextInside"/>) stays its own.
    /// </remarks>
    private static List<TextCandidate> RemoveContained(List<TextCandidate> candidates)
    {
        var ordered = candidates.OrderByDescending(c => c.Box.Area).ToList();
        var kept = new List<TextCandidate>();
        foreach (var c in ordered)
        {
            bool Inside(TextCandidate k) => k.Polarity == c.Polarity && k.Vertical == c.Vertical
                && k.Box.Intersect(c.Box).Area >= Thresholds.FoldOverlapShare * c.Box.Area && k.GlyphCount >= c.GlyphCount / 2;
            var host = kept.FindIndex(k => Inside(k) && !IsOtherTextInside(c, k));
            if (host < 0)
            {
                kept.Add(c with { InsideLarger = kept.Any(Inside) });
            }
            else
            {
                kept[host] = kept[host] with { Box = kept[host].Box.Union(c.Box) };
            }
        }

        return kept;
    }

    /// <summary>
    /// A uniform line of two or more glyphs under half the glyph height of a host that is not uniform is other text, not
    /// the host seen at another scale: a dark date on a white backing strip inside the coarse scale's "glyph" of dark
    /// field between two strips. Folded in, it would share the fate of a host that reads as nothing and is dropped. The
    /// pieces of a big marker (serifs, a crossbar) stay folded into it when it is uniform or they are single blobs. Left
    /// unfolded, it is marked <see cref="TextCandidate.InsideLarger"/>: when it reads as nothing either, it goes the way
    /// folding would have sent it (speckle inside a narrow-window topogram's texture is such a "line").
    /// </summary>
    internal static bool IsOtherTextInside(TextCandidate inner, TextCandidate host) =>
        !host.Uniform && inner.Uniform && inner.GlyphCount >= 2 && inner.GlyphHeight * 2 < host.GlyphHeight;

    /// <summary>The median absolute deviation of normal samples times this is their standard deviation (a constant of statistics).</summary>
    private const double MadToSigma = 1.4826;

    /// <summary>Noise sigma from the median absolute horizontal difference of a sample of rows.</summary>
    // Optimised at first call, as the pixel loops in Morphology are (see there).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double EstimateNoise(byte[] view, int width, int height)
    {
        var histogram = new int[256];
        var step = Math.Max(1, height / Thresholds.NoiseSampleRows);
        long count = 0;
        for (var y = 0; y < height; y += step)
        {
            var row = y * width;
            for (var x = 1; x < width; x++)
            {
                histogram[Math.Abs(view[row + x] - view[row + x - 1])]++;
                count++;
            }
        }

        long seen = 0;
        for (var d = 0; d < 256; d++)
        {
            seen += histogram[d];
            if (seen * 2 >= count)
            {
                // MAD of a difference of two samples: sigma = 1.4826 * MAD / sqrt(2).
                return Math.Max(Thresholds.MinNoise, d * MadToSigma / Math.Sqrt(2));
            }
        }

        return Thresholds.MinNoise;
    }
}
