namespace RadAnon.Dicom.Codecs.Jpeg;

/// <summary>
/// YCbCr (JFIF, full range) to RGB in the IJG library's fixed-point arithmetic (jdcolor.c, 16 fraction
/// bits), so our RGB matches dcmtk's to the level.
/// </summary>
internal static class JpegColor
{
    private const int ScaleBits = 16;
    private const int OneHalf = 1 << (ScaleBits - 1);

    public static void YCbCrToRgb(short[][] planes, int precision)
    {
        if (planes.Length != 3)
        {
            throw new InvalidDicomException($"a YBR JPEG frame has {planes.Length} components, not 3", -1);
        }

        var center = 1 << (precision - 1);
        var maximum = (1 << precision) - 1;
        var crR = Fix(1.40200);
        var cbB = Fix(1.77200);
        var crG = -Fix(0.71414);
        var cbG = -Fix(0.34414);
        var (y, cb, cr) = (planes[0], planes[1], planes[2]);
        for (var i = 0; i < y.Length; i++)
        {
            var luma = y[i];
            var b = cb[i] - center;
            var r = cr[i] - center;
            var red = luma + (((crR * r) + OneHalf) >> ScaleBits);
            var green = luma + (((cbG * b) + OneHalf + (crG * r)) >> ScaleBits);
            var blue = luma + (((cbB * b) + OneHalf) >> ScaleBits);
            y[i] = (short)Math.Clamp(red, 0, maximum);
            cb[i] = (short)Math.Clamp(green, 0, maximum);
            cr[i] = (short)Math.Clamp(blue, 0, maximum);
        }
    }

    private static int Fix(double x) => (int)((x * (1 << ScaleBits)) + 0.5);
}
