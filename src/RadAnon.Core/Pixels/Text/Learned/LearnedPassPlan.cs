namespace RadAnon.Core.Pixels.Text.Learned;

/// <summary>One detector pass: a part of the image and the multiple-of-32 size it is resized to.</summary>
public readonly record struct LearnedPass(PixelBox Source, int Width, int Height)
{
    /// <summary>Model pixels per image pixel (the smaller of the two axes').</summary>
    public double Scale => Math.Min(Width / (double)Source.Width, Height / (double)Source.Height);

    /// <summary>A pass over <paramref name="source"/> at <paramref name="scale"/>, its size rounded to a multiple of 32.</summary>
    public static LearnedPass At(PixelBox source, double scale) =>
        new(source, RoundTo32(source.Width * scale), RoundTo32(source.Height * scale));

    private static int RoundTo32(double size) => Math.Max(32, (int)Math.Round(size / 32) * 32);
}

/// <summary>
/// Which passes the learned detector runs. The overview sees the whole image with its long side at
/// <see cref="LearnedDetectorSettings.OverviewLongSide"/> (the model's training size). Text whose glyphs the overview
/// shrinks below <see cref="LearnedDetectorSettings.MinModelGlyph"/> model pixels is looked at again in a crop around
/// it, at the scale that brings its glyphs to <see cref="LearnedDetectorSettings.TargetModelGlyph"/>: the cost follows
/// the area of the small text, not the image (whole-image tiles at a finer scale cost seconds on a 2500×3000 CR).
/// </summary>
public static class LearnedPassPlan
{
    public static LearnedPass Overview(int width, int height, LearnedDetectorSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var scale = Math.Min(1.0, settings.OverviewLongSide / (double)Math.Max(width, height));
        return LearnedPass.At(new PixelBox(0, 0, width, height), scale);
    }

    /// <summary>The crop pass for a line of <paramref name="glyphHeight"/> in <paramref name="box"/>, or null when the overview sees it well enough.</summary>
    public static LearnedPass? Around(PixelBox box, int glyphHeight, int width, int height, LearnedDetectorSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var overview = Overview(width, height, settings).Scale;
        if (glyphHeight <= 0 || glyphHeight * overview >= settings.MinModelGlyph)
        {
            return null;
        }

        var scale = Math.Min(settings.MaxCropScale, settings.TargetModelGlyph / (double)glyphHeight);
        var context = (int)Math.Ceiling(Math.Max(glyphHeight * settings.CropContextGlyphs, settings.MinCropContext / scale));
        return LearnedPass.At(box.Inflate(context, width, height), scale);
    }

    /// <summary>
    /// A crop pass over <paramref name="box"/> closer than the overview: at twice its scale, or the scale that brings
    /// glyphs of <paramref name="glyphHeight"/> to the target size if that is closer, at most the crop limit; null when
    /// that is no closer than the overview, or when the overview already shows its glyphs larger than text the model
    /// was trained on ever is (enlarged further, periodic anatomy such as grid lines and screw threads looks like text).
    /// </summary>
    public static LearnedPass? Closer(PixelBox box, int glyphHeight, int width, int height, LearnedDetectorSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var overview = Overview(width, height, settings).Scale;
        var scale = Math.Min(settings.MaxCropScale, Math.Max(settings.CloserLookFactor * overview, settings.TargetModelGlyph / Math.Max(1, glyphHeight)));
        if (scale <= overview || glyphHeight * overview >= settings.MaxCloserLookGlyph)
        {
            return null;
        }

        var context = (int)Math.Ceiling(Math.Max(glyphHeight * settings.CropContextGlyphs, settings.MinCropContext / scale));
        return LearnedPass.At(box.Inflate(context, width, height), scale);
    }
}
