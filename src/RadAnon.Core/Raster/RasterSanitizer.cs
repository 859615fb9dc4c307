using NetVips;

namespace RadAnon.Core.Raster;

/// <summary>What stripping a PNG or JPEG did: the clean bytes and the names (never values) of what went.</summary>
public sealed record RasterSanitizeResult(byte[] Output, RasterFormat Format, int Width, int Height, IReadOnlyList<string> RemovedFields);

/// <summary>
/// Removes every metadata carrier from a PNG or JPEG by decoding the pixels and re-encoding them with
/// nothing else: losslessly for PNG (bit depth kept), at high quality for JPEG. The output is checked again
/// and refused if any carrier survived (fail closed). Width and height never change.
/// </summary>
public sealed class RasterSanitizer
{
    private readonly RasterLimits _limits;

    public RasterSanitizer(RasterLimits? limits = null)
    {
        _limits = limits ?? RasterLimits.Default;
    }

    public RasterSanitizeResult Sanitize(ReadOnlyMemory<byte> input)
    {
        var format = RasterFormatDetector.Detect(input.Span) ?? throw new InvalidImageException("not a PNG or JPEG file (unrecognised signature)");
        var removed = MetadataInventory.List(input.Span, format);
        using var image = Load(input, format);
        var output = Encode(image, format);
        var left = MetadataInventory.List(output, format);
        if (left.Count > 0)
        {
            throw new InvalidOperationException("re-encoded image still carries " + string.Join(", ", left));
        }

        return new RasterSanitizeResult(output, format, image.Width, image.Height, removed);
    }

    /// <summary>Opens the image, checking its declared size before pixels are decoded.</summary>
    public Image Load(ReadOnlyMemory<byte> input, RasterFormat format)
    {
        Image image;
        try
        {
            image = Image.NewFromBuffer(input.ToArray(), access: Enums.Access.Random, failOn: Enums.FailOn.Warning);
        }
        catch (VipsException ex)
        {
            throw new InvalidImageException($"cannot read the {format} header", ex);
        }

        if ((long)image.Width * image.Height > _limits.MaxPixels)
        {
            var (w, h) = (image.Width, image.Height);
            image.Dispose();
            throw new ImageTooLargeException(w, h, _limits.MaxPixels);
        }

        return image;
    }

    private byte[] Encode(Image image, RasterFormat format)
    {
        try
        {
            // Decode fully here so a truncated or corrupt body fails now, not halfway through the encoder.
            using var decoded = image.CopyMemory();
            return format == RasterFormat.Png
                ? decoded.PngsaveBuffer(compression: 6, keep: Enums.ForeignKeep.None)
                : decoded.JpegsaveBuffer(q: _limits.JpegQuality, keep: Enums.ForeignKeep.None, subsampleMode: Enums.ForeignSubsample.Off);
        }
        catch (VipsException ex)
        {
            throw new InvalidImageException($"cannot decode the {format} pixels", ex);
        }
    }
}
