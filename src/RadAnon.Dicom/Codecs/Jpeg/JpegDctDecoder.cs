using System.Buffers.Binary;
using System.Numerics;
using RadAnon.Dicom.Pixels;

namespace RadAnon.Dicom.Codecs.Jpeg;

/// <summary>
/// Our decoder for sequential Huffman DCT JPEG, baseline and extended 8/12-bit (T.81 processes 1, 2, 4).
/// It replaces JpegLibrary, whose floating-point IDCT put YBR colour frames 3 levels away from dcmtk:
/// here the integer IDCT, chroma upsampling and colour conversion follow the IJG library's arithmetic
/// (jidctint.c, jdsample.c, jdcolor.c), so decoded frames match dcmtk's dcmdjpeg.
/// </summary>
internal static class JpegDctDecoder
{
    public static void Decode(ReadOnlySpan<byte> stream, JpegFrameHeader frame, PixelDescription description, Span<byte> destination, bool toRgb)
    {
        if (frame.Precision is not (8 or 12))
        {
            throw new InvalidDicomException($"JPEG DCT precision {frame.Precision} is neither 8 nor 12", -1);
        }

        var planes = new ComponentPlanes(frame);
        var dcTables = new HuffmanTable?[4];
        var acTables = new HuffmanTable?[4];
        var quantization = new int[4][];
        var restartInterval = 0;
        var position = 2;
        var scans = 0;
        while (position < stream.Length)
        {
            var marker = JpegFrameHeader.NextSegment(stream, ref position, out var segment);
            switch (marker)
            {
                case JpegFrameHeader.Eoi:
                    position = stream.Length;
                    break;
                case JpegFrameHeader.Dht:
                    HuffmanTable.ReadSegment(segment, dcTables, acTables);
                    break;
                case 0xDB:
                    ReadQuantization(segment, quantization);
                    break;
                case JpegFrameHeader.Dri:
                    restartInterval = segment.Length >= 2 ? BinaryPrimitives.ReadUInt16BigEndian(segment) : throw new InvalidDicomException("JPEG DRI segment is truncated", -1);
                    break;
                case JpegFrameHeader.Sos:
                    var scan = new DctScan(frame, segment, dcTables, acTables, quantization, restartInterval, planes);
                    position = JpegLosslessDecoder.SkipToMarker(stream, scan.Run(stream, position));
                    scans++;
                    break;
                default:
                    break;
            }
        }

        if (scans == 0)
        {
            throw new InvalidDicomException("JPEG stream has no scan", -1);
        }

        var full = new short[frame.Components.Length][];
        for (var c = 0; c < full.Length; c++)
        {
            full[c] = JpegUpsampler.ToFullSize(planes, frame, c);
        }

        if (toRgb)
        {
            JpegColor.YCbCrToRgb(full, frame.Precision);
        }

        JpegOutput.Interleave(full, frame, description, destination);
    }

    private static void ReadQuantization(ReadOnlySpan<byte> segment, int[][] tables)
    {
        while (segment.Length > 0)
        {
            var precision = segment[0] >> 4;
            var id = segment[0] & 15;
            var size = precision == 0 ? 64 : 128;
            if (id > 3 || precision > 1 || segment.Length < 1 + size)
            {
                throw new InvalidDicomException($"JPEG quantisation table {id} (precision {precision}) is invalid or truncated", -1);
            }

            var table = new int[64];
            for (var k = 0; k < 64; k++)
            {
                table[ZigZag.Natural[k]] = precision == 0 ? segment[1 + k] : BinaryPrimitives.ReadUInt16BigEndian(segment[(1 + (2 * k))..]);
            }

            tables[id] = table;
            segment = segment[(1 + size)..];
        }
    }
}

/// <summary>One plane per component at its own (subsampled) resolution, padded to whole MCUs.</summary>
internal sealed class ComponentPlanes
{
    public ComponentPlanes(JpegFrameHeader frame)
    {
        McusPerLine = (frame.SamplesPerLine + (8 * frame.MaxHorizontal) - 1) / (8 * frame.MaxHorizontal);
        McusPerColumn = (frame.Lines + (8 * frame.MaxVertical) - 1) / (8 * frame.MaxVertical);
        Strides = new int[frame.Components.Length];
        Planes = new short[frame.Components.Length][];
        for (var i = 0; i < Planes.Length; i++)
        {
            var c = frame.Components[i];
            Strides[i] = McusPerLine * c.Horizontal * 8;
            Planes[i] = new short[(long)Strides[i] * McusPerColumn * c.Vertical * 8];
        }
    }

    public int McusPerLine { get; }

    public int McusPerColumn { get; }

    public int[] Strides { get; }

    public short[][] Planes { get; }
}

/// <summary>Lays component planes out colour-by-pixel in the destination, 1 or 2 bytes per sample.</summary>
internal static class JpegOutput
{
    /// <remarks>Samples are truncated to the output width, so signed DCT planes and unsigned lossless planes write the same bytes.</remarks>
    public static void Interleave<T>(T[][] planes, JpegFrameHeader frame, PixelDescription d, Span<byte> destination)
        where T : struct, IBinaryInteger<T>
    {
        var samples = planes.Length;
        var count = (long)frame.SamplesPerLine * frame.Lines;
        for (var c = 0; c < samples; c++)
        {
            var plane = planes[c];
            if (d.BytesPerSample == 1)
            {
                for (long p = 0; p < count; p++)
                {
                    destination[(int)((p * samples) + c)] = byte.CreateTruncating(plane[p]);
                }
            }
            else
            {
                for (long p = 0; p < count; p++)
                {
                    BinaryPrimitives.WriteUInt16LittleEndian(destination[(int)(((p * samples) + c) * 2)..], ushort.CreateTruncating(plane[p]));
                }
            }
        }
    }
}

/// <summary>The zig-zag scan order of T.81 figure A.6: natural index of the k-th coefficient.</summary>
internal static class ZigZag
{
    public static ReadOnlySpan<byte> Natural =>
    [
        0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14, 21, 28,
        35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51, 58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55, 62, 63,
    ];
}
