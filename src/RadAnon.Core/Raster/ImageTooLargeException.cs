namespace RadAnon.Core.Raster;

/// <summary>An image declares more pixels than the configured limit allows.</summary>
public sealed class ImageTooLargeException : RadAnonException
{
    public ImageTooLargeException(long width, long height, long maxPixels)
        : base($"image declares {width}×{height} pixels, above the limit of {maxPixels} pixels (MaxPixels)")
    {
        Width = width;
        Height = height;
        MaxPixels = maxPixels;
    }

    public long Width { get; }

    public long Height { get; }

    public long MaxPixels { get; }
}
