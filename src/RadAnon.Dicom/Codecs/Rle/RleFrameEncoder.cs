using System.Buffers.Binary;
using RadAnon.Dicom.Pixels;

namespace RadAnon.Dicom.Codecs.Rle;

/// <summary>
/// Writes one frame as RLE Lossless (PS3.5 G.3): one segment per byte plane, each row encoded on its own
/// so that no run crosses a row boundary, each segment padded to an even length.
/// </summary>
internal sealed class RleFrameEncoder : IFrameEncoder
{
    public static readonly RleFrameEncoder Instance = new();

    public byte[] Encode(ReadOnlySpan<byte> frame, PixelDescription description)
    {
        ArgumentNullException.ThrowIfNull(description);
        var layout = RleLayout.For(description);
        if (frame.Length != description.DecodedFrameLength)
        {
            throw new ArgumentException($"frame has {frame.Length} bytes; the description needs {description.DecodedFrameLength}", nameof(frame));
        }

        var output = new List<byte>((int)Math.Min(frame.Length + RleLayout.HeaderLength, int.MaxValue / 2));
        output.AddRange(new byte[RleLayout.HeaderLength]);
        var offsets = new int[layout.Segments];
        var rowBytes = description.Columns * layout.PixelStride;
        for (var segment = 0; segment < layout.Segments; segment++)
        {
            offsets[segment] = output.Count;
            var first = layout.ByteWithinPixel(segment);
            for (var y = 0; y < description.Rows; y++)
            {
                var row = frame.Slice((y * rowBytes) + first, rowBytes - first);
                PackBits.Encode(row, layout.PixelStride, description.Columns, output);
            }

            if ((output.Count & 1) != 0)
            {
                output.Add(0);
            }
        }

        var bytes = output.ToArray();
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, (uint)layout.Segments);
        for (var i = 0; i < offsets.Length; i++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(4 + (4 * i)), (uint)offsets[i]);
        }

        return bytes;
    }
}
