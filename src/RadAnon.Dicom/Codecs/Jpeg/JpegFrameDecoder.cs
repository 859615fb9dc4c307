using RadAnon.Dicom.Pixels;

namespace RadAnon.Dicom.Codecs.Jpeg;

/// <summary>
/// JPEG baseline (1.2.840.10008.1.2.4.50), extended (.51), lossless process 14 (.57) and its first-order
/// predictor subset SV1 (.70). Both are our own decoders (see <see cref="JpegDctDecoder"/> for why not JpegLibrary).
/// </summary>
internal sealed class JpegFrameDecoder : IFrameDecoder
{
    public static readonly JpegFrameDecoder Instance = new();

    /// <summary>Decodes one JPEG frame.</summary>
    /// <returns>
    /// "RGB" when a three-component DCT frame whose photometric interpretation is YBR_FULL, YBR_FULL_422 or
    /// another YBR_* (other than YBR_RCT/YBR_ICT) was converted from YCbCr to RGB, as dcmtk's dcmdjpeg does
    /// by default; otherwise the stored photometric interpretation (lossless frames are never converted).
    /// </returns>
    public string Decode(ReadOnlySpan<byte> encoded, PixelDescription description, Span<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(description);
        if (destination.Length != description.DecodedFrameLength)
        {
            throw new ArgumentException($"destination has {destination.Length} bytes; the frame needs {description.DecodedFrameLength}", nameof(destination));
        }

        var frame = JpegFrameHeader.Read(encoded);
        Check(frame, description);
        if (frame.Lines < description.Rows || frame.SamplesPerLine < description.Columns)
        {
            return DecodeSmaller(encoded, frame, description, destination);
        }

        if (frame.IsLossless)
        {
            JpegLosslessDecoder.Decode(encoded, frame, description, destination);
            return description.PhotometricInterpretation;
        }

        if (frame.Process is not (0 or 1))
        {
            throw new UnsupportedPixelDataException($"JPEG process SOF{frame.Process} (progressive, hierarchical or arithmetic) is not supported");
        }

        var toRgb = frame.Components.Length == 3 && IsYcbcr(description.PhotometricInterpretation);
        JpegDctDecoder.Decode(encoded, frame, description, destination, toRgb);

        return toRgb ? "RGB" : description.PhotometricInterpretation;
    }

    /// <summary>
    /// Whole-slide edge tiles are often encoded at their real size, smaller than Rows x Columns; the tile
    /// goes to the top-left corner and the rest of the frame is zero, which is also what dcmtk produces.
    /// </summary>
    private string DecodeSmaller(ReadOnlySpan<byte> encoded, JpegFrameHeader frame, PixelDescription description, Span<byte> destination)
    {
        var tile = description with { Rows = frame.Lines, Columns = frame.SamplesPerLine };
        var buffer = new byte[tile.DecodedFrameLength];
        var photometric = Decode(encoded, tile, buffer);
        destination.Clear();
        var pixelBytes = description.SamplesPerPixel * description.BytesPerSample;
        var tileRow = tile.Columns * pixelBytes;
        for (var y = 0; y < tile.Rows; y++)
        {
            buffer.AsSpan(y * tileRow, tileRow).CopyTo(destination[(y * description.Columns * pixelBytes)..]);
        }

        return photometric;
    }

    private static bool IsYcbcr(string photometric) =>
        photometric.StartsWith("YBR_", StringComparison.Ordinal) && photometric is not ("YBR_RCT" or "YBR_ICT");

    /// <summary>Rejects a stream larger than the dataset's frame, or with other samples, before allocating for it.</summary>
    private static void Check(JpegFrameHeader frame, PixelDescription d)
    {
        if (frame.Lines > d.Rows || frame.SamplesPerLine > d.Columns || frame.Lines == 0 || frame.Components.Length != d.SamplesPerPixel)
        {
            throw new InvalidDicomException(
                $"JPEG frame is {frame.SamplesPerLine}x{frame.Lines} with {frame.Components.Length} components; the dataset says {d.Columns}x{d.Rows} with {d.SamplesPerPixel} samples", -1);
        }

        if (frame.Precision > 8 * d.BytesPerSample)
        {
            throw new InvalidDicomException($"JPEG precision {frame.Precision} does not fit BitsAllocated {d.BitsAllocated}", -1);
        }
    }
}
