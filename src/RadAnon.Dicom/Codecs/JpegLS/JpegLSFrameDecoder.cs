using RadAnon.Dicom.Pixels;

namespace RadAnon.Dicom.Codecs.JpegLS;

/// <summary>
/// JPEG-LS lossless (1.2.840.10008.1.2.4.80) and near-lossless (.81) through CharLS. The stream's frame
/// is checked against the dataset before any pixel is decoded, and CharLS writes only into a buffer of
/// the size it reports for that frame.
/// </summary>
internal sealed class JpegLSFrameDecoder : IFrameDecoder
{
    public static readonly JpegLSFrameDecoder Instance = new();

    /// <returns>The stored photometric interpretation: DICOM forbids the HP colour transforms, so none is applied.</returns>
    public unsafe string Decode(ReadOnlySpan<byte> encoded, PixelDescription description, Span<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(description);
        if (destination.Length != description.DecodedFrameLength)
        {
            throw new ArgumentException($"destination has {destination.Length} bytes; the frame needs {description.DecodedFrameLength}", nameof(destination));
        }

        RequireEndOfImage(encoded);
        CharLSInterop.EnsureAvailable();
        using var decoder = CharLSInterop.DecoderCreate();
        if (decoder.IsInvalid)
        {
            throw new InvalidOperationException("CharLS could not create a decoder (out of memory)");
        }

        fixed (byte* source = encoded)
        {
            CharLSInterop.Check(CharLSInterop.SetSourceBuffer(decoder, source, (nuint)encoded.Length), "set source");
            CharLSInterop.Check(CharLSInterop.ReadHeader(decoder), "read header");
            CharLSInterop.Check(CharLSInterop.GetFrameInfo(decoder, out var frame), "frame info");
            CharLSInterop.Check(CharLSInterop.GetInterleaveMode(decoder, out var interleave), "interleave mode");
            Check(frame, description);
            CharLSInterop.Check(CharLSInterop.GetDestinationSize(decoder, 0, out var size), "destination size");
            if (size != (nuint)destination.Length)
            {
                throw new InvalidDicomException($"JPEG-LS frame decodes to {size} bytes; the dataset's frame has {destination.Length}", -1);
            }

            // Interleave mode 0 (none) comes out one plane per component; 1 and 2 come out by pixel.
            var planar = interleave == 0 && frame.ComponentCount > 1;
            var buffer = planar ? new byte[destination.Length] : null;
            fixed (byte* target = buffer is null ? destination : buffer)
            {
                CharLSInterop.Check(CharLSInterop.DecodeToBuffer(decoder, target, size, 0), "decode");
            }

            if (buffer is not null)
            {
                NativeFrameReader.Interleave(buffer, destination, description);
            }
        }

        return description.PhotometricInterpretation;
    }

    /// <summary>
    /// CharLS 2.4.1 (Debian libcharls2) can spin without returning on some truncated streams, so a frame
    /// must end with EOI (FFD9, optionally followed by one padding byte, 00 or FF in the corpus) before CharLS sees it.
    /// </summary>
    private static void RequireEndOfImage(ReadOnlySpan<byte> encoded)
    {
        static bool EndsWithEoi(ReadOnlySpan<byte> s) => s.Length >= 4 && s[^2] == 0xFF && s[^1] == 0xD9;
        if (!EndsWithEoi(encoded) && !EndsWithEoi(encoded[..Math.Max(0, encoded.Length - 1)]))
        {
            throw new InvalidDicomException("JPEG-LS frame does not end with an EOI marker (FFD9); it is truncated", -1);
        }
    }

    private static void Check(CharLSInterop.FrameInfo frame, PixelDescription d)
    {
        if (frame.Width != d.Columns || frame.Height != d.Rows || frame.ComponentCount != d.SamplesPerPixel)
        {
            throw new InvalidDicomException(
                $"JPEG-LS frame is {frame.Width}x{frame.Height} with {frame.ComponentCount} components; the dataset says {d.Columns}x{d.Rows} with {d.SamplesPerPixel} samples", -1);
        }

        if (frame.BitsPerSample is < 2 or > 16 || (frame.BitsPerSample > 8 ? 2 : 1) != d.BytesPerSample)
        {
            throw new InvalidDicomException($"JPEG-LS sample precision {frame.BitsPerSample} does not fit BitsAllocated {d.BitsAllocated}", -1);
        }
    }
}
