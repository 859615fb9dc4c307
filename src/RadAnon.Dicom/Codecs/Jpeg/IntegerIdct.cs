namespace RadAnon.Dicom.Codecs.Jpeg;

/// <summary>
/// The accurate integer inverse DCT of the IJG library (jidctint.c, the Loeffler-Ligtenberg-Moschytz
/// algorithm with 13-bit constants): dequantise, columns then rows, level shift and clamp to the range.
/// </summary>
internal static class IntegerIdct
{
    private const int ConstBits = 13;
    private const int Fix0298631336 = 2446;
    private const int Fix0390180644 = 3196;
    private const int Fix0541196100 = 4433;
    private const int Fix0765366865 = 6270;
    private const int Fix0899976223 = 7373;
    private const int Fix1175875602 = 9633;
    private const int Fix1501321110 = 12299;
    private const int Fix1847759065 = 15137;
    private const int Fix1961570560 = 16069;
    private const int Fix2053119869 = 16819;
    private const int Fix2562915447 = 20995;
    private const int Fix3072711026 = 25172;

    public static void Transform(ReadOnlySpan<int> coefficients, ReadOnlySpan<int> quantization, Span<int> workspace, Span<short> output, int stride, int precision)
    {
        // jidctint.c keeps two extra bits between passes for 8-bit samples and one for 12-bit.
        var pass1Bits = precision == 8 ? 2 : 1;
        for (var col = 0; col < 8; col++)
        {
            Butterfly(In(coefficients, quantization, 0, col), In(coefficients, quantization, 1, col), In(coefficients, quantization, 2, col), In(coefficients, quantization, 3, col),
                In(coefficients, quantization, 4, col), In(coefficients, quantization, 5, col), In(coefficients, quantization, 6, col), In(coefficients, quantization, 7, col), ConstBits - pass1Bits, out var o0, out var o1, out var o2, out var o3, out var o4, out var o5, out var o6, out var o7);
            workspace[col] = (int)o0;
            workspace[8 + col] = (int)o1;
            workspace[16 + col] = (int)o2;
            workspace[24 + col] = (int)o3;
            workspace[32 + col] = (int)o4;
            workspace[40 + col] = (int)o5;
            workspace[48 + col] = (int)o6;
            workspace[56 + col] = (int)o7;
        }

        var center = 1 << (precision - 1);
        var maximum = (1 << precision) - 1;
        for (var row = 0; row < 8; row++)
        {
            var w = workspace.Slice(row * 8, 8);
            Butterfly(w[0], w[1], w[2], w[3], w[4], w[5], w[6], w[7], ConstBits + pass1Bits + 3, out var o0, out var o1, out var o2, out var o3, out var o4, out var o5, out var o6, out var o7);
            var line = output.Slice(row * stride, 8);
            line[0] = Clamp(o0, center, maximum);
            line[1] = Clamp(o1, center, maximum);
            line[2] = Clamp(o2, center, maximum);
            line[3] = Clamp(o3, center, maximum);
            line[4] = Clamp(o4, center, maximum);
            line[5] = Clamp(o5, center, maximum);
            line[6] = Clamp(o6, center, maximum);
            line[7] = Clamp(o7, center, maximum);
        }
    }

    private static long In(ReadOnlySpan<int> coefficients, ReadOnlySpan<int> quantization, int row, int col) =>
        (long)coefficients[(row * 8) + col] * quantization[(row * 8) + col];

    private static short Clamp(long value, int center, int maximum) => (short)Math.Clamp(value + center, 0, maximum);

    private static void Butterfly(long i0, long i1, long i2, long i3, long i4, long i5, long i6, long i7, int shift,
        out long o0, out long o1, out long o2, out long o3, out long o4, out long o5, out long o6, out long o7)
    {
        // Even part.
        var z1 = (i2 + i6) * Fix0541196100;
        var tmp2 = z1 + (i6 * -Fix1847759065);
        var tmp3 = z1 + (i2 * Fix0765366865);
        var tmp0 = (i0 + i4) << ConstBits;
        var tmp1 = (i0 - i4) << ConstBits;
        var tmp10 = tmp0 + tmp3;
        var tmp13 = tmp0 - tmp3;
        var tmp11 = tmp1 + tmp2;
        var tmp12 = tmp1 - tmp2;

        // Odd part.
        tmp0 = i7;
        tmp1 = i5;
        tmp2 = i3;
        tmp3 = i1;
        z1 = tmp0 + tmp3;
        var z2 = tmp1 + tmp2;
        var z3 = tmp0 + tmp2;
        var z4 = tmp1 + tmp3;
        var z5 = (z3 + z4) * Fix1175875602;
        tmp0 *= Fix0298631336;
        tmp1 *= Fix2053119869;
        tmp2 *= Fix3072711026;
        tmp3 *= Fix1501321110;
        z1 *= -Fix0899976223;
        z2 *= -Fix2562915447;
        z3 = (z3 * -Fix1961570560) + z5;
        z4 = (z4 * -Fix0390180644) + z5;
        tmp0 += z1 + z3;
        tmp1 += z2 + z4;
        tmp2 += z2 + z3;
        tmp3 += z1 + z4;

        var round = 1L << (shift - 1);
        o0 = (tmp10 + tmp3 + round) >> shift;
        o7 = (tmp10 - tmp3 + round) >> shift;
        o1 = (tmp11 + tmp2 + round) >> shift;
        o6 = (tmp11 - tmp2 + round) >> shift;
        o2 = (tmp12 + tmp1 + round) >> shift;
        o5 = (tmp12 - tmp1 + round) >> shift;
        o3 = (tmp13 + tmp0 + round) >> shift;
        o4 = (tmp13 - tmp0 + round) >> shift;
    }
}
