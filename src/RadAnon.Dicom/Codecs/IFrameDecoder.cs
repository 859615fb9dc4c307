using RadAnon.Dicom.Pixels;

namespace RadAnon.Dicom.Codecs;

/// <summary>
/// Decodes one compressed frame into stored pixel values: colour-by-pixel, little-endian,
/// <see cref="PixelDescription.BytesPerSample"/> bytes per sample, no LUT applied.
/// </summary>
public interface IFrameDecoder
{
    /// <summary>Decodes <paramref name="encoded"/> into <paramref name="destination"/>, which is exactly
    /// <see cref="PixelDescription.DecodedFrameLength"/> bytes. Throws <see cref="InvalidDicomException"/> on corrupt data.</summary>
    /// <returns>The photometric interpretation of the decoded values (e.g. RGB after JPEG YBR conversion).</returns>
    string Decode(ReadOnlySpan<byte> encoded, PixelDescription description, Span<byte> destination);
}

/// <summary>Encodes one frame of stored pixel values (the same layout a decoder produces).</summary>
public interface IFrameEncoder
{
    byte[] Encode(ReadOnlySpan<byte> frame, PixelDescription description);
}
