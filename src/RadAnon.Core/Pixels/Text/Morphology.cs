using System.Buffers;
using System.Numerics;

namespace RadAnon.Core.Pixels.Text;

/// <summary>
/// Gray-level morphology with square structuring elements: separable van Herk / Gil-Werman min and max
/// filters (three comparisons per pixel whatever the radius), top-hat and black-hat.
/// </summary>
internal static class Morphology
{
    /// <summary>Light details narrower than the element: I - open(I).</summary>
    public static byte[] TopHat(byte[] image, int width, int height, int radius)
    {
        var opened = Filter(Filter(image, width, height, radius, max: false), width, height, radius, max: true);
        for (var i = 0; i < opened.Length; i++)
        {
            opened[i] = (byte)(image[i] - opened[i]);
        }

        return opened;
    }

    /// <summary>Dark details narrower than the element: close(I) - I.</summary>
    public static byte[] BlackHat(byte[] image, int width, int height, int radius)
    {
        var closed = Filter(Filter(image, width, height, radius, max: true), width, height, radius, max: false);
        for (var i = 0; i < closed.Length; i++)
        {
            closed[i] = (byte)(closed[i] - image[i]);
        }

        return closed;
    }

    /// <summary>Box-average downsampling by an integer factor (the last partial block is averaged too).</summary>
    public static byte[] Downsample(byte[] image, int width, int height, int factor, out int outWidth, out int outHeight)
    {
        outWidth = (width + factor - 1) / factor;
        outHeight = (height + factor - 1) / factor;
        var sums = new int[outWidth];
        var counts = new int[outWidth];
        var output = new byte[outWidth * outHeight];
        for (var oy = 0; oy < outHeight; oy++)
        {
            Array.Clear(sums);
            Array.Clear(counts);
            for (var y = oy * factor; y < Math.Min(height, (oy + 1) * factor); y++)
            {
                var row = y * width;
                for (var x = 0; x < width; x++)
                {
                    sums[x / factor] += image[row + x];
                    counts[x / factor]++;
                }
            }

            for (var ox = 0; ox < outWidth; ox++)
            {
                output[(oy * outWidth) + ox] = (byte)(sums[ox] / counts[ox]);
            }
        }

        return output;
    }

    private static byte[] Filter(byte[] image, int width, int height, int radius, bool max)
    {
        var k = (2 * radius) + 1;
        var longest = width + (2 * radius) + k;
        var line = new byte[longest];
        var g = new byte[longest];
        var h = new byte[longest];
        var horizontal = new byte[image.Length];
        for (var y = 0; y < height; y++)
        {
            var row = image.AsSpan(y * width, width);
            Run(row, horizontal.AsSpan(y * width, width), radius, max, line, g, h);
        }

        return Vertical(horizontal, width, height, radius, max);
    }

    /// <summary>
    /// The same van Herk / Gil-Werman recurrence down the columns, done a whole row at a time so it streams through
    /// memory and runs on SIMD vectors (a column-by-column pass jumps a row's stride per sample).
    /// </summary>
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

    /// <summary>Element-wise max or min of two rows.</summary>
    private static void Combine(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, Span<byte> destination, bool max)
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

    private static void Run(ReadOnlySpan<byte> src, Span<byte> dst, int radius, bool max, byte[] line, byte[] g, byte[] h)
    {
        var n = src.Length;
        var k = (2 * radius) + 1;
        var m = n + (2 * radius);
        var neutral = max ? byte.MinValue : byte.MaxValue;
        line.AsSpan(0, radius).Fill(neutral);
        src.CopyTo(line.AsSpan(radius));
        line.AsSpan(radius + n, radius).Fill(neutral);

        for (var start = 0; start < m; start += k)
        {
            var end = Math.Min(m, start + k);
            g[start] = line[start];
            for (var i = start + 1; i < end; i++)
            {
                g[i] = max ? Math.Max(g[i - 1], line[i]) : Math.Min(g[i - 1], line[i]);
            }

            h[end - 1] = line[end - 1];
            for (var i = end - 2; i >= start; i--)
            {
                h[i] = max ? Math.Max(h[i + 1], line[i]) : Math.Min(h[i + 1], line[i]);
            }
        }

        for (var i = 0; i < n; i++)
        {
            // Window [i, i + 2r] in padded coordinates: suffix of its first block, prefix of its last.
            dst[i] = max ? Math.Max(h[i], g[i + (2 * radius)]) : Math.Min(h[i], g[i + (2 * radius)]);
        }
    }
}
