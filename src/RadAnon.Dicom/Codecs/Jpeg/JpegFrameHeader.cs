using System.Buffers.Binary;

namespace RadAnon.Dicom.Codecs.Jpeg;

/// <summary>One component of a JPEG frame header (ITU T.81 B.2.2).</summary>
internal readonly record struct JpegComponent(byte Id, int Horizontal, int Vertical, int QuantizationTable);

/// <summary>
/// The SOFn segment of a JPEG stream, found by walking the marker segments before the first scan.
/// Used to choose a decoder and to check the stream against the DICOM description before decoding.
/// </summary>
internal sealed record JpegFrameHeader(int Process, int Precision, int Lines, int SamplesPerLine, JpegComponent[] Components)
{
    public const int Soi = 0xD8;
    public const int Eoi = 0xD9;
    public const int Sos = 0xDA;
    public const int Dht = 0xC4;
    public const int Dri = 0xDD;

    public bool IsLossless => Process is 3;

    public int MaxHorizontal => Components.Max(c => c.Horizontal);

    public int MaxVertical => Components.Max(c => c.Vertical);

    /// <summary>Finds and parses the frame header; <see cref="InvalidDicomException"/> when the stream has none.</summary>
    public static JpegFrameHeader Read(ReadOnlySpan<byte> stream)
    {
        if (stream.Length < 4 || stream[0] != 0xFF || stream[1] != Soi)
        {
            throw new InvalidDicomException("JPEG frame does not start with an SOI marker (FFD8)", -1);
        }

        var position = 2;
        while (true)
        {
            var marker = NextSegment(stream, ref position, out var segment);
            if (marker is >= 0xC0 and <= 0xCF and not Dht and not 0xC8 and not 0xCC)
            {
                return Parse(marker - 0xC0, segment);
            }

            if (marker is Sos or Eoi)
            {
                throw new InvalidDicomException("JPEG stream reaches its scan without a frame header (SOFn)", -1);
            }
        }
    }

    /// <summary>Reads the marker at <paramref name="position"/> and its segment payload (after the length), and advances past it.</summary>
    public static int NextSegment(ReadOnlySpan<byte> stream, ref int position, out ReadOnlySpan<byte> segment)
    {
        segment = default;
        // Fill bytes (FF FF ...) may precede a marker (T.81 B.1.1.2).
        while (position + 1 < stream.Length && stream[position] == 0xFF && stream[position + 1] == 0xFF)
        {
            position++;
        }

        if (position + 1 >= stream.Length || stream[position] != 0xFF)
        {
            throw new InvalidDicomException($"JPEG stream has no marker where one is expected (byte {position} of {stream.Length})", -1);
        }

        var marker = stream[position + 1];
        if (marker is Soi or Eoi or (>= 0xD0 and <= 0xD7) or 0x01)
        {
            position += 2;
            return marker;
        }

        if (position + 4 > stream.Length)
        {
            throw new InvalidDicomException("JPEG stream ends inside a marker segment header", -1);
        }

        var length = BinaryPrimitives.ReadUInt16BigEndian(stream[(position + 2)..]);
        if (length < 2 || position + 2 + length > stream.Length)
        {
            throw new InvalidDicomException($"JPEG marker segment FF{marker:X2} length {length} runs past the end of the {stream.Length}-byte frame", -1);
        }

        segment = stream.Slice(position + 4, length - 2);
        position += 2 + length;
        return marker;
    }

    private static JpegFrameHeader Parse(int process, ReadOnlySpan<byte> s)
    {
        if (s.Length < 6)
        {
            throw new InvalidDicomException("JPEG frame header is shorter than 6 bytes", -1);
        }

        var count = s[5];
        if (count is 0 or > 4 || s.Length < 6 + (3 * count))
        {
            throw new InvalidDicomException($"JPEG frame header declares {count} components in {s.Length} bytes", -1);
        }

        var components = new JpegComponent[count];
        for (var i = 0; i < count; i++)
        {
            var c = s.Slice(6 + (3 * i), 3);
            var h = c[1] >> 4;
            var v = c[1] & 15;
            if (h is < 1 or > 4 || v is < 1 or > 4)
            {
                throw new InvalidDicomException($"JPEG component {i} has sampling factors {h}x{v}; T.81 allows 1 to 4", -1);
            }

            components[i] = new JpegComponent(c[0], h, v, c[2]);
        }

        return new JpegFrameHeader(process, s[0], BinaryPrimitives.ReadUInt16BigEndian(s[1..]), BinaryPrimitives.ReadUInt16BigEndian(s[3..]), components);
    }
}
