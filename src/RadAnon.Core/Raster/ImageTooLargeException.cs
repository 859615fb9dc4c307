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

    /// <summary>The pixels fit MaxPixels, but the decoded data would not fit one in-memory buffer.</summary>
    public ImageTooLargeException(long width, long height, long maxPixels, long decodedBytes)
        : base($"image of {width}×{height} pixels would decode to {decodedBytes} bytes, above the {Array.MaxLength} bytes one object can hold in memory; lower MaxPixels or MaxFrames")
    {
        Width = width;
        Height = height;
        MaxPixels = maxPixels;
    }

    public long Width { get; }

    public long Height { get; }

    public long MaxPixels { get; }
}
