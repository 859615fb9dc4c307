using System.Numerics;
using System.Runtime.CompilerServices;
using RadAnon.Core.Pixels.Text;

namespace RadAnon.Core.Pixels;

// The 8-bit view text detection works on, and how to bring it up to date after a few boxes were painted.
public sealed partial class GrayImage
{
    /// <summary>
    /// An 8-bit view for detection: 8-bit images as they are, 16-bit ones scaled linearly from their own
    /// minimum..maximum, so saturated burned-in text stays the brightest (or darkest) value.
    /// </summary>
    public byte[] To8BitView()
    {
        if (data8 is not null)
        {
            return (byte[])data8.Clone();
        }

        var src = data16!;
        var lut = ViewLut(MinMax(src));
        var output = new byte[src.Length];
        Map(src, lut, output);
        return output;
    }

    /// <summary>
    /// The 8-bit view of this image, which equals <paramref name="original"/> outside <paramref name="changed"/>: when the
    /// painting left the image's minimum and maximum where they were, the view is the original's with only the changed
    /// boxes mapped again (identical to <see cref="To8BitView()"/>, for a fraction of the work); otherwise the whole view
    /// shifts and is computed in full.
    /// </summary>
    /// <param name="originalView">The original's <see cref="To8BitView()"/>; not modified.</param>
    internal byte[] To8BitView(GrayImage original, byte[] originalView, IReadOnlyList<PixelBox> changed)
    {
        if (original.Width != Width || original.Height != Height || original.BitsPerSample != BitsPerSample || originalView.Length != Width * Height)
        {
            throw new ArgumentException("the original must have this image's geometry and depth", nameof(original));
        }

        byte[]? lut = null;
        if (data16 is not null)
        {
            var range = MinMax(data16);
            if (range != MinMax(original.data16!))
            {
                return To8BitView();
            }

            lut = ViewLut(range);
        }

        var view = (byte[])originalView.Clone();
        foreach (var box in changed)
        {
            var b = box.Intersect(new PixelBox(0, 0, Width, Height));
            for (var y = b.Y; y < b.Bottom; y++)
            {
                var at = (y * Width) + b.X;
                if (lut is null)
                {
                    data8.AsSpan(at, b.Width).CopyTo(view.AsSpan(at, b.Width));
                }
                else
                {
                    Map(data16.AsSpan(at, b.Width), lut, view.AsSpan(at, b.Width));
                }
            }
        }

        return view;
    }

    /// <summary>One entry per stored value in use: the rounding division runs once per level, not once per pixel.</summary>
    private static byte[] ViewLut((int Min, int Max) range)
    {
        var (min, max) = range;
        var span = Math.Max(1, max - min);
        var lut = new byte[max + 1];
        for (var v = min; v <= max; v++)
        {
            lut[v] = (byte)((((v - min) * 255) + (span / 2)) / span);
        }

        return lut;
    }

    // Optimised at first call, as the pixel loops in Morphology are (see there).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Map(ReadOnlySpan<ushort> source, byte[] lut, Span<byte> destination)
    {
        for (var i = 0; i < source.Length; i++)
        {
            destination[i] = lut[source[i]];
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static (int Min, int Max) MinMax(ReadOnlySpan<ushort> values)
    {
        var n = Vector<ushort>.Count;
        var vmin = new Vector<ushort>(ushort.MaxValue);
        var vmax = Vector<ushort>.Zero;
        var i = 0;
        for (; i <= values.Length - n; i += n)
        {
            var v = new Vector<ushort>(values.Slice(i, n));
            vmin = Vector.Min(vmin, v);
            vmax = Vector.Max(vmax, v);
        }

        int min = ushort.MaxValue, max = 0;
        for (var lane = 0; lane < n; lane++)
        {
            min = Math.Min(min, vmin[lane]);
            max = Math.Max(max, vmax[lane]);
        }

        for (; i < values.Length; i++)
        {
            min = Math.Min(min, values[i]);
            max = Math.Max(max, values[i]);
        }

        return (min, max);
    }
}
