using System.Buffers.Binary;
using RadAnon.Dicom.Pixels;

namespace RadAnon.Dicom.Codecs.Rle;

/// <summary>
/// RLE Lossless (1.2.840.10008.1.2.5, PS3.5 Annex G): a 64-byte header of segment offsets, then one
/// PackBits-compressed byte plane per segment. Decoding never writes past the destination and rejects
/// headers and segments that do not fit the frame with <see cref="InvalidDicomException"/>.
/// </summary>
internal sealed class RleFrameDecoder : IFrameDecoder
{
    public static readonly RleFrameDecoder Instance = new();

    /// <returns>The stored photometric interpretation: RLE applies no colour transform.</returns>
    public string Decode(ReadOnlySpan<byte> encoded, PixelDescription description, Span<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(description);
        var layout = RleLayout.For(description);
        if (destination.Length != description.DecodedFrameLength)
        {
            throw new ArgumentException($"destination has {destination.Length} bytes; the frame needs {description.DecodedFrameLength}", nameof(destination));
        }

        if (encoded.Length < RleLayout.HeaderLength)
        {
            throw new InvalidDicomException($"RLE frame has {encoded.Length} bytes, shorter than its 64-byte header", -1);
        }

        var count = BinaryPrimitives.ReadUInt32LittleEndian(encoded);
        if (count != layout.Segments)
        {
            throw new InvalidDicomException($"RLE header declares {count} segments; {description.SamplesPerPixel} samples of {description.BitsAllocated} bits need {layout.Segments}", -1);
        }

        Span<int> offsets = stackalloc int[RleLayout.MaxSegments + 1];
        for (var i = 0; i < count; i++)
        {
            var offset = BinaryPrimitives.ReadUInt32LittleEndian(encoded[(4 + (4 * i))..]);
            var previous = i == 0 ? RleLayout.HeaderLength - 1 : offsets[i - 1];
            if (offset < RleLayout.HeaderLength || offset > encoded.Length || offset <= previous)
            {
                throw new InvalidDicomException($"RLE segment {i} offset {offset} is outside the {encoded.Length}-byte frame or out of order", -1);
            }

            offsets[i] = (int)offset;
        }

        offsets[(int)count] = encoded.Length;
        for (var segment = 0; segment < count; segment++)
        {
            var source = encoded[offsets[segment]..offsets[segment + 1]];
            var written = PackBits.Decode(source, destination[layout.ByteWithinPixel(segment)..], layout.PixelStride, layout.Pixels);
            if (written != layout.Pixels)
            {
                throw new InvalidDicomException($"RLE segment {segment} decodes to {written} bytes; the frame has {layout.Pixels} pixels", -1);
            }
        }

        return description.PhotometricInterpretation;
    }
}
