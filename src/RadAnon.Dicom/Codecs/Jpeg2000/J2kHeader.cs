using System.Buffers.Binary;

namespace RadAnon.Dicom.Codecs.Jpeg2000;

/// <summary>
/// The main-header facts we check before handing a code stream to OpenJPEG (ITU T.800 A.5.1 SIZ, A.6.1
/// COD): image and tile geometry, components, precision, and whether the multiple component transform is on.
/// </summary>
internal sealed record J2kHeader(long Width, long Height, long Tiles, int[] Precision, bool[] Signed, bool Subsampled, bool MultipleComponentTransform, bool Jp2)
{
    public int Components => Precision.Length;

    public static J2kHeader Read(ReadOnlySpan<byte> data)
    {
        var jp2 = data.Length >= 12 && data[4..8].SequenceEqual("jP  "u8);
        var start = jp2 ? data.IndexOf([(byte)0xFF, (byte)0x4F, (byte)0xFF, (byte)0x51]) : 0;
        if (start < 0 || data.Length - start < 4 || data[start] != 0xFF || data[start + 1] != 0x4F || data[start + 2] != 0xFF || data[start + 3] != 0x51)
        {
            throw new InvalidDicomException("JPEG 2000 frame does not start with SOC and SIZ markers (FF4F FF51)", -1);
        }

        var s = data[(start + 4)..];
        if (s.Length < 40)
        {
            throw new InvalidDicomException("JPEG 2000 SIZ segment is truncated", -1);
        }

        var length = BinaryPrimitives.ReadUInt16BigEndian(s);
        var (xsiz, ysiz, xo, yo) = (U32(s, 4), U32(s, 8), U32(s, 12), U32(s, 16));
        var (xt, yt, xto, yto) = (U32(s, 20), U32(s, 24), U32(s, 28), U32(s, 32));
        var count = BinaryPrimitives.ReadUInt16BigEndian(s[36..]);
        if (count is 0 or > 16384 || length != 38 + (3 * count) || s.Length < length || xo >= xsiz || yo >= ysiz || xt == 0 || yt == 0 || xto > xo || yto > yo)
        {
            throw new InvalidDicomException($"JPEG 2000 SIZ segment is inconsistent ({count} components, length {length})", -1);
        }

        var precision = new int[count];
        var signed = new bool[count];
        var subsampled = false;
        for (var i = 0; i < count; i++)
        {
            var ssiz = s[38 + (3 * i)];
            precision[i] = (ssiz & 0x7F) + 1;
            signed[i] = (ssiz & 0x80) != 0;
            subsampled |= s[39 + (3 * i)] != 1 || s[40 + (3 * i)] != 1;
        }

        var tiles = (long)((xsiz - xto + xt - 1) / xt) * ((ysiz - yto + yt - 1) / yt);
        return new J2kHeader(xsiz - xo, ysiz - yo, tiles, precision, signed, subsampled, ReadMct(s[length..]), jp2);
    }

    private static uint U32(ReadOnlySpan<byte> s, int at) => BinaryPrimitives.ReadUInt32BigEndian(s[at..]);

    /// <summary>Walks the main header after SIZ to the COD segment and reads its MCT flag (SGcod byte 4).</summary>
    private static bool ReadMct(ReadOnlySpan<byte> s)
    {
        while (s.Length >= 4 && s[0] == 0xFF)
        {
            var marker = s[1];
            var length = BinaryPrimitives.ReadUInt16BigEndian(s[2..]);
            if (marker == 0x52)
            {
                return s.Length >= 9 && s[8] == 1;
            }

            if (marker == 0x90 || length < 2 || length + 2 > s.Length)
            {
                break;
            }

            s = s[(2 + length)..];
        }

        return false;
    }
}
