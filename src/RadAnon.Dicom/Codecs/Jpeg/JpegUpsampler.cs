namespace RadAnon.Dicom.Codecs.Jpeg;

/// <summary>
/// Brings a JPEG component to full image size the way the IJG library (jdsample.c) does with its default
/// fancy upsampling: triangular filters for 2:1 horizontal (h2v1) and 2:1 both ways (h2v2) when the
/// subsampled width exceeds 2, edge rows and columns replicated, plain replication for other ratios.
/// </summary>
internal static class JpegUpsampler
{
    public static short[] ToFullSize(ComponentPlanes planes, JpegFrameHeader frame, int component)
    {
        var c = frame.Components[component];
        var width = frame.SamplesPerLine;
        var height = frame.Lines;
        var source = planes.Planes[component];
        var stride = planes.Strides[component];
        if (frame.MaxHorizontal % c.Horizontal != 0 || frame.MaxVertical % c.Vertical != 0)
        {
            throw new Dicom.UnsupportedPixelDataException($"JPEG sampling factors {c.Horizontal}x{c.Vertical} against {frame.MaxHorizontal}x{frame.MaxVertical} are not an integer ratio");
        }

        var hx = frame.MaxHorizontal / c.Horizontal;
        var vx = frame.MaxVertical / c.Vertical;
        var output = new short[(long)width * height];
        if (hx == 1 && vx == 1)
        {
            for (var y = 0; y < height; y++)
            {
                source.AsSpan(y * stride, width).CopyTo(output.AsSpan(y * width, width));
            }

            return output;
        }

        var sw = (int)(((long)width * c.Horizontal + frame.MaxHorizontal - 1) / frame.MaxHorizontal);
        var sh = (int)(((long)height * c.Vertical + frame.MaxVertical - 1) / frame.MaxVertical);
        var small = new int[(long)sw * sh];
        for (var y = 0; y < sh; y++)
        {
            for (var x = 0; x < sw; x++)
            {
                small[(y * sw) + x] = source[((long)y * stride) + x];
            }
        }

        if (hx == 2 && vx == 1 && sw > 2)
        {
            H2V1(small, sw, sh, output, width, height);
        }
        else if (hx == 2 && vx == 2 && sw > 2)
        {
            H2V2(small, sw, sh, output, width, height);
        }
        else
        {
            for (var y = 0; y < height; y++)
            {
                for (var x = 0; x < width; x++)
                {
                    output[((long)y * width) + x] = (short)small[((y / vx) * sw) + (x / hx)];
                }
            }
        }

        return output;
    }

    private static void H2V1(int[] s, int sw, int sh, short[] output, int width, int height)
    {
        Span<int> row = new int[2 * sw];
        for (var y = 0; y < height; y++)
        {
            var r = s.AsSpan(Math.Min(y, sh - 1) * sw, sw);
            row[0] = r[0];
            row[1] = ((r[0] * 3) + r[1] + 2) >> 2;
            for (var i = 1; i < sw - 1; i++)
            {
                row[2 * i] = ((r[i] * 3) + r[i - 1] + 1) >> 2;
                row[(2 * i) + 1] = ((r[i] * 3) + r[i + 1] + 2) >> 2;
            }

            row[(2 * sw) - 2] = ((r[sw - 1] * 3) + r[sw - 2] + 1) >> 2;
            row[(2 * sw) - 1] = r[sw - 1];
            Store(row, output.AsSpan(y * width, width));
        }
    }

    private static void H2V2(int[] s, int sw, int sh, short[] output, int width, int height)
    {
        Span<int> row = new int[2 * sw];
        Span<int> sum = new int[sw];
        for (var y = 0; y < height; y++)
        {
            var inRow = y >> 1;
            var neighbour = Math.Clamp((y & 1) == 0 ? inRow - 1 : inRow + 1, 0, sh - 1);
            var r0 = s.AsSpan(inRow * sw, sw);
            var r1 = s.AsSpan(neighbour * sw, sw);
            for (var i = 0; i < sw; i++)
            {
                sum[i] = (r0[i] * 3) + r1[i];
            }

            row[0] = ((sum[0] * 4) + 8) >> 4;
            row[1] = ((sum[0] * 3) + sum[1] + 7) >> 4;
            for (var i = 1; i < sw - 1; i++)
            {
                row[2 * i] = ((sum[i] * 3) + sum[i - 1] + 8) >> 4;
                row[(2 * i) + 1] = ((sum[i] * 3) + sum[i + 1] + 7) >> 4;
            }

            row[(2 * sw) - 2] = ((sum[sw - 1] * 3) + sum[sw - 2] + 8) >> 4;
            row[(2 * sw) - 1] = ((sum[sw - 1] * 4) + 7) >> 4;
            Store(row, output.AsSpan(y * width, width));
        }
    }

    private static void Store(ReadOnlySpan<int> row, Span<short> output)
    {
        for (var x = 0; x < output.Length; x++)
        {
            output[x] = (short)row[x];
        }
    }
}
