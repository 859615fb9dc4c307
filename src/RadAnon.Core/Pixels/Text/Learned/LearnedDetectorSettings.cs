namespace RadAnon.Core.Pixels.Text.Learned;

/// <summary>How the learned detector is run and read, a section of <see cref="TextThresholds"/>; see bench/README.md for the measurements.</summary>
public sealed record LearnedDetectorSettings
{
    public static LearnedDetectorSettings Default { get; } = new();

    /// <summary>The whole image's long side in model pixels for the overview pass (the model's training size).</summary>
    public int OverviewLongSide { get; init; } = 960;

    /// <summary>Glyphs smaller than this in the overview (model pixels) are looked at again in a crop.</summary>
    public double MinModelGlyph { get; init; } = 12;

    /// <summary>The glyph height (model pixels) a crop pass brings small text to.</summary>
    public double TargetModelGlyph { get; init; } = 20;

    /// <summary>A region the model has not seen gets one crop at this many times the overview's scale (or closer).</summary>
    public double CloserLookFactor { get; init; } = 2;

    /// <summary>No closer look at a region whose glyphs the overview already shows this large (model pixels).</summary>
    public double MaxCloserLookGlyph { get; init; } = 48;

    /// <summary>A crop pass never enlarges the image more than this.</summary>
    public double MaxCropScale { get; init; } = 2.5;

    /// <summary>Context kept around a crop's text, in glyph heights (the model judges a line against its surround).</summary>
    public double CropContextGlyphs { get; init; } = 2;

    /// <summary>Context kept around a crop's text at least, in model pixels.</summary>
    public double MinCropContext { get; init; } = 32;

    /// <summary>A map cell at or above this probability is text (DBNet's usual binarisation threshold).</summary>
    public double PixelThreshold { get; init; } = 0.3;

    /// <summary>A component of text cells is a text box when its mean probability reaches this.</summary>
    public double BoxThreshold { get; init; } = 0.6;

    /// <summary>DBNet's unclip ratio: a component is grown by area × ratio / perimeter to the text's outline.</summary>
    public double UnclipRatio { get; init; } = 1.5;

    /// <summary>Components smaller than this many cells are noise.</summary>
    public int MinComponentCells { get; init; } = 6;
}
