namespace RadAnon.Core.Raster;

/// <summary>Limits checked from the header, before any pixel is decoded, so a small file cannot claim a huge image.</summary>
public sealed record RasterLimits
{
    public static RasterLimits Default { get; } = new();

    /// <summary>Most pixels (width × height) an input may declare; 200 megapixels by default.</summary>
    public long MaxPixels { get; init; } = 200_000_000;

    /// <summary>Quality for re-encoding JPEG; high, as the input is already lossy.</summary>
    public int JpegQuality { get; init; } = 95;
}
