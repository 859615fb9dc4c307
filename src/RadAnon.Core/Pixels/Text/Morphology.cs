using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace RadAnon.Core.Pixels.Text;

/// <summary>
/// Gray-level morphology with square structuring elements: separable van Herk / Gil-Werman min and max
/// filters (three comparisons per pixel whatever the radius), top-hat and black-hat.
/// </summary>
/// <remarks>
/// The whole-image pixel loops here and in the screen, components, noise estimate and 8-bit view are marked
/// AggressiveOptimization: compiled optimised on first call, instead of running as unoptimised tier-0 or OSR code through
/// a process's first images while tiering waits for JIT activity to settle (detection in the text benchmark, one warm-up
/// image: 97-128 -> 60-75 ms). They have no virtual calls or casts for dynamic PGO to improve on.
/// </remarks>
internal static class Morphology
{
    /// <summary>Light details narrower than the element: I - open(I).</summary>
    public static byte[] TopHat(byte[] image, int width, int height, int radius)
    {
        var opened = Filter(Filter(image, width, height, radius, max: false), width, height, radius, max: true);
        Subtract(image, opened, opened);
        return opened;
    }

    /// <summary>Dark details narrower than the element: close(I) - I.</summary>
    public static byte[] BlackHat(byte[] image, int width, int height, int radius)
    {
        var closed = Filter(Filter(image, width, height, radius, max: true), width, height, radius, max: false);
        Subtract(closed, image, closed);
        return closed;
    }

    /// <summary>Minimum over the (2r+1)-square around each pixel; outside the image does not count.</summary>
    public static byte[] Erode(byte[] image, int width, int height, int radius) => Filter(image, width, height, radius, max: false);

    /// <summary>Maximum over the (2r+1)-square around each pixel; outside the image does not count.</summary>
    public static byte[] Dilate(byte[] image, int width, int height, int radius) => Filter(image, width, height, radius, max: true);

    /// <summary>Box-average downsampling by an integer factor (the last partial block is averaged too).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static byte[] Downsample(byte[] image, int width, int height, int factor, out int outWidth, out int outHeight)
    {
        outWidth = (width + factor - 1) / factor;
        outHeight = (height + factor - 1) / factor;
        var output = new byte[outWidth * outHeight];

        // A column of up to 257 bytes sums into 16 bits, so the rows are added with ushort vectors; wider factors (never
        // used: big glyphs are reduced by at most a few) take the plain int path.
        var columnSums = new ushort[width];
        var wide = factor > ushort.MaxValue / byte.MaxValue ? new int[width] : null;

        // Full blocks share one divisor: a table of sum / (factor * factor) replaces a division per output pixel.
        var fullBlock = factor * factor;
        var quotient = wide is null ? new byte[(fullBlock * byte.MaxValue) + 1] : [];
        for (var sum = 0; sum < quotient.Length; sum++)
        {
            quotient[sum] = (byte)(sum / fullBlock);
        }

        var fullColumns = width / factor;
        for (var oy = 0; oy < outHeight; oy++)
        {
            var rows = Math.Min(height, (oy + 1) * factor) - (oy * factor);
            var outRow = output.AsSpan(oy * outWidth, outWidth);
            if (wide is not null)
            {
                SumRowsWide(image, width, oy * factor, rows, wide);
                for (var ox = 0; ox < outWidth; ox++)
                {
                    outRow[ox] = BlockMean(wide.AsSpan(), width, factor, rows, ox);
                }

                continue;
            }

            SumRows(image, width, oy * factor, rows, columnSums);
            var sums = columnSums.AsSpan();
            var ox0 = 0;
            if (rows == factor)
            {
                for (; ox0 < fullColumns; ox0++)
                {
                    var sum = 0;
                    foreach (var v in sums.Slice(ox0 * factor, factor))
                    {
                        sum += v;
                    }

                    outRow[ox0] = quotient[sum];
                }
            }

            for (var ox = ox0; ox < outWidth; ox++)
            {
                outRow[ox] = BlockMean(sums, width, factor, rows, ox);
            }
        }

        return output;
    }

    /// <summary>The mean of one block from its column sums, with the block's own pixel count (edge blocks are smaller).</summary>
    private static byte BlockMean<T>(ReadOnlySpan<T> sums, int width, int factor, int rows, int ox)
        where T : IBinaryInteger<T>
    {
        var x0 = ox * factor;
        var x1 = Math.Min(width, x0 + factor);
        var sum = 0;
        for (var x = x0; x < x1; x++)
        {
            sum += int.CreateTruncating(sums[x]);
        }

        return (byte)(sum / ((x1 - x0) * rows));
    }

    /// <summary>sums[x] = the sum of rows first..first+count-1 at column x, with 16-bit vectors (count * 255 fits).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void SumRows(byte[] image, int width, int first, int count, ushort[] sums)
    {
        Array.Clear(sums);
        var n = Vector<byte>.Count;
        for (var y = first; y < first + count; y++)
        {
            var row = image.AsSpan(y * width, width);
            var x = 0;
            for (; x <= width - n; x += n)
            {
                Vector.Widen(new Vector<byte>(row.Slice(x, n)), out var low, out var high);
                var at = sums.AsSpan(x, n);
                (new Vector<ushort>(at) + low).CopyTo(at);
                var next = at.Slice(n / 2);
                (new Vector<ushort>(next) + high).CopyTo(next);
            }

            for (; x < width; x++)
            {
                sums[x] += row[x];
            }
        }
    }

    private static void SumRowsWide(byte[] image, int width, int first, int count, int[] sums)
    {
        Array.Clear(sums);
        for (var y = first; y < first + count; y++)
        {
            var row = image.AsSpan(y * width, width);
            for (var x = 0; x < width; x++)
            {
                sums[x] += row[x];
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static byte[] Filter(byte[] image, int width, int height, int radius, bool max)
    {
        var padded = width + (2 * radius);
        var a = new byte[padded];
        var b = new byte[padded];
        var horizontal = new byte[image.Length];
        var neutral = max ? byte.MinValue : byte.MaxValue;
        for (var y = 0; y < height; y++)
        {
            a.AsSpan(0, radius).Fill(neutral);
            image.AsSpan(y * width, width).CopyTo(a.AsSpan(radius));
            a.AsSpan(radius + width, radius).Fill(neutral);
            WindowExtreme(a, b, padded, (2 * radius) + 1, max, horizontal.AsSpan(y * width, width));
        }

        return Vertical(horizontal, width, height, radius, max);
    }

    /// <summary>
    /// Min or max over every window of <paramref name="k"/> samples of a padded row by doubling: after step j each
    /// sample holds the extreme of the 2^j samples from it on, and a last combine at offset k - 2^j closes the window.
    /// Each step is one whole-row SIMD pass, so a 13-wide window costs four vector passes instead of a scalar recurrence.
    /// </summary>
    /// <param name="a">The padded row (length <paramref name="length"/>); used as scratch.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void WindowExtreme(byte[] a, byte[] b, int length, int k, bool max, Span<byte> destination)
    {
        var span = 1;
        while (span * 2 <= k)
        {
            var valid = length - span;
            Combine(a.AsSpan(0, valid), a.AsSpan(span, valid), b.AsSpan(0, valid), max);
            (a, b) = (b, a);
            length = valid;
            span *= 2;
        }

        var n = destination.Length;
        if (span == k)
        {
            a.AsSpan(0, n).CopyTo(destination);
        }
        else
        {
            Combine(a.AsSpan(0, n), a.AsSpan(k - span, n), destination, max);
        }
    }

    /// <summary>
    /// The same van Herk / Gil-Werman recurrence down the columns, done a whole row at a time so it streams through
    /// memory and runs on SIMD vectors (a column-by-column pass jumps a row's stride per sample).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static byte[] Vertical(byte[] input, int width, int height, int radius, bool max)
    {
        var k = (2 * radius) + 1;
        var padded = height + (2 * radius);
        var neutral = new byte[width];
        Array.Fill(neutral, max ? byte.MinValue : byte.MaxValue);
        var g = ArrayPool<byte>.Shared.Rent(padded * width);
        var h = ArrayPool<byte>.Shared.Rent(padded * width);
        try
        {
            ReadOnlySpan<byte> Row(int p) => p < radius || p >= radius + height ? neutral : input.AsSpan((p - radius) * width, width);
            Span<byte> At(byte[] buffer, int p) => buffer.AsSpan(p * width, width);

            for (var start = 0; start < padded; start += k)
            {
                var end = Math.Min(padded, start + k);
                Row(start).CopyTo(At(g, start));
                for (var i = start + 1; i < end; i++)
                {
                    Combine(At(g, i - 1), Row(i), At(g, i), max);
                }

                Row(end - 1).CopyTo(At(h, end - 1));
                for (var i = end - 2; i >= start; i--)
                {
                    Combine(At(h, i + 1), Row(i), At(h, i), max);
                }
            }

            var output = new byte[input.Length];
            for (var y = 0; y < height; y++)
            {
                Combine(At(h, y), At(g, y + (2 * radius)), output.AsSpan(y * width, width), max);
            }

            return output;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(g);
            ArrayPool<byte>.Shared.Return(h);
        }
    }

    /// <summary>Element-wise a - b (never negative here: opening is below the image, closing above).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Subtract(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, Span<byte> destination)
    {
        var i = 0;
        var n = Vector<byte>.Count;
        for (; i <= a.Length - n; i += n)
        {
            (new Vector<byte>(a.Slice(i, n)) - new Vector<byte>(b.Slice(i, n))).CopyTo(destination.Slice(i, n));
        }

        for (; i < a.Length; i++)
        {
            destination[i] = (byte)(a[i] - b[i]);
        }
    }

    /// <summary>Element-wise max or min of two rows.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Combine(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, Span<byte> destination, bool max)
    {
        var i = 0;
        var n = Vector<byte>.Count;
        for (; i <= a.Length - n; i += n)
        {
            var va = new Vector<byte>(a.Slice(i, n));
            var vb = new Vector<byte>(b.Slice(i, n));
            (max ? Vector.Max(va, vb) : Vector.Min(va, vb)).CopyTo(destination.Slice(i, n));
        }

        for (; i < a.Length; i++)
        {
            destination[i] = max ? Math.Max(a[i], b[i]) : Math.Min(a[i], b[i]);
        }
    }
}
