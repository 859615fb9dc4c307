using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace RadAnon.Core.Pixels.Text;

/// <summary>
/// Says where the full-resolution top-hat or black-hat can reach a contrast at all, from a half-resolution bound, so
/// the expensive passes run only there (text and sharp edges: a few per cent of a radiograph).
/// </summary>
/// <remarks>
/// The bound is exact, not a guess. With m and M the minimum and maximum of each 2x2 block b holding pixel p, and r' the
/// half-resolution radius whose window of blocks covers a full-resolution window: every (2r'+1)-block window B around b
/// contains a full window W around p, so open(I)(p) ≥ min over W ≥ min over B of m, hence open(I)(p) ≥ open(m)(b) and
/// top-hat(p) = I(p) - open(I)(p) ≤ M(b) - open(m)(b). Likewise black-hat(p) ≤ close(M)(b) - m(b). Where the bound is
/// below the strong threshold no glyph seed can exist; tiles with a seed are grown by a tile on every side, which is
/// more than the morphology's reach, so results inside them equal a whole-image pass.
/// </remarks>
internal static class TextScreen
{
    private static readonly TextThresholds.DetectionThresholds Thresholds = TextThresholds.Default.Detection;

    /// <summary>Tile side at full resolution (<see cref="TextThresholds.DetectionThresholds.ScreenTile"/>).</summary>
    public static int Tile => Thresholds.ScreenTile;

    /// <summary>The areas worth a full-resolution pass, for light text and for dark text.</summary>
    public static (List<PixelBox> Light, List<PixelBox> Dark) Areas(byte[] view, int width, int height, int radius, int strong)
    {
        if (width < Thresholds.ScreenMinTiles * Tile || height < Thresholds.ScreenMinTiles * Tile)
        {
            return ([new(0, 0, width, height)], [new(0, 0, width, height)]);
        }

        var blocks = BlockMinMax(view, width, height);
        return (Areas(blocks, width, height, radius, strong, TextPolarity.LightOnDark), Areas(blocks, width, height, radius, strong, TextPolarity.DarkOnLight));
    }

    private static List<PixelBox> Areas((byte[] Min, byte[] Max, int Width, int Height) blocks, int width, int height, int radius, int strong, TextPolarity polarity)
    {
        var whole = new List<PixelBox> { new(0, 0, width, height) };
        var (min, max, hw, hh) = blocks;
        var r = ((2 * radius) + 2) / 4; // ceil((2R - 1) / 4): the least block radius whose window covers 2R + 1 pixels
        byte[] upper;
        if (polarity == TextPolarity.LightOnDark)
        {
            var opened = Morphology.Dilate(Morphology.Erode(min, hw, hh, r), hw, hh, r);
            upper = Subtract(max, opened);
        }
        else
        {
            var closed = Morphology.Erode(Morphology.Dilate(max, hw, hh, r), hw, hh, r);
            upper = Subtract(closed, min);
        }

        var flagged = FlagTiles(upper, hw, hh, strong, out var tw, out var th);
        var areas = Clusters(Grow(flagged, tw, th), tw, th, width, height);
        return areas.Sum(a => a.Area) > Thresholds.ScreenWholeImageShare * width * height ? whole : areas;
    }

    /// <summary>
    /// Minimum and maximum of each 2x2 block: the two rows are combined with byte vectors, then each horizontal pair is
    /// one 16-bit lane whose low and high bytes are compared and narrowed back to bytes.
    /// </summary>
    // Optimised at first call, as the pixel loops in Morphology are (see there).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static (byte[] Min, byte[] Max, int Width, int Height) BlockMinMax(byte[] view, int width, int height)
    {
        var hw = (width + 1) / 2;
        var hh = (height + 1) / 2;
        var min = new byte[hw * hh];
        var max = new byte[hw * hh];
        var rowMin = new byte[width + 1];
        var rowMax = new byte[width + 1];
        var pairs = width / 2;
        for (var by = 0; by < hh; by++)
        {
            var row0 = view.AsSpan(2 * by * width, width);
            var row1 = view.AsSpan(Math.Min(height - 1, (2 * by) + 1) * width, width);
            Morphology.Combine(row0, row1, rowMin.AsSpan(0, width), max: false);
            Morphology.Combine(row0, row1, rowMax.AsSpan(0, width), max: true);
            PairExtreme(rowMin.AsSpan(0, 2 * pairs), min.AsSpan(by * hw, pairs), max: false);
            PairExtreme(rowMax.AsSpan(0, 2 * pairs), max.AsSpan(by * hw, pairs), max: true);
            if (width % 2 == 1)
            {
                min[(by * hw) + pairs] = rowMin[width - 1];
                max[(by * hw) + pairs] = rowMax[width - 1];
            }
        }

        return (min, max, hw, hh);
    }

    /// <summary>The shift that brings a 16-bit lane's high byte down to its low byte.</summary>
    private const int BitsPerByte = 8;

    /// <summary>destination[i] = min or max of source[2i] and source[2i + 1].</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PairExtreme(ReadOnlySpan<byte> source, Span<byte> destination, bool max)
    {
        var lanes = MemoryMarshal.Cast<byte, ushort>(source);
        var n = Vector<ushort>.Count;
        var low = new Vector<ushort>(byte.MaxValue);
        var i = 0;
        for (; i <= lanes.Length - (2 * n); i += 2 * n)
        {
            var a = new Vector<ushort>(lanes.Slice(i, n));
            var b = new Vector<ushort>(lanes.Slice(i + n, n));
            var ea = max ? Vector.Max(a & low, Vector.ShiftRightLogical(a, BitsPerByte)) : Vector.Min(a & low, Vector.ShiftRightLogical(a, BitsPerByte));
            var eb = max ? Vector.Max(b & low, Vector.ShiftRightLogical(b, BitsPerByte)) : Vector.Min(b & low, Vector.ShiftRightLogical(b, BitsPerByte));
            Vector.Narrow(ea, eb).CopyTo(destination.Slice(i, 2 * n));
        }

        for (; i < lanes.Length; i++)
        {
            destination[i] = max ? Math.Max(source[2 * i], source[(2 * i) + 1]) : Math.Min(source[2 * i], source[(2 * i) + 1]);
        }
    }

    private static byte[] Subtract(byte[] a, byte[] b)
    {
        var output = new byte[a.Length];
        Morphology.Subtract(a, b, output);
        return output;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool[] FlagTiles(byte[] upper, int hw, int hh, int strong, out int tilesWide, out int tilesHigh)
    {
        var half = Tile / 2;
        tilesWide = (hw + half - 1) / half;
        tilesHigh = (hh + half - 1) / half;
        var flagged = new bool[tilesWide * tilesHigh];
        if (strong > byte.MaxValue)
        {
            return flagged;
        }

        var threshold = (byte)Math.Max(0, strong);
        for (var y = 0; y < hh; y++)
        {
            var row = upper.AsSpan(y * hw, hw);
            var tileRow = (y / half) * tilesWide;
            for (var x = row.IndexOfAnyInRange(threshold, byte.MaxValue); x >= 0;)
            {
                var tile = x / half;
                flagged[tileRow + tile] = true;

                // Skip the rest of this tile's row: it is flagged already.
                var next = (tile + 1) * half;
                if (next >= hw)
                {
                    break;
                }

                var found = row[next..].IndexOfAnyInRange(threshold, byte.MaxValue);
                x = found < 0 ? -1 : next + found;
            }
        }

        return flagged;
    }

    /// <summary>Every flagged tile with its eight neighbours.</summary>
    private static bool[] Grow(bool[] flagged, int tw, int th)
    {
        var grown = new bool[flagged.Length];
        for (var ty = 0; ty < th; ty++)
        {
            for (var tx = 0; tx < tw; tx++)
            {
                if (!flagged[(ty * tw) + tx])
                {
                    continue;
                }

                for (var y = Math.Max(0, ty - 1); y <= Math.Min(th - 1, ty + 1); y++)
                {
                    for (var x = Math.Max(0, tx - 1); x <= Math.Min(tw - 1, tx + 1); x++)
                    {
                        grown[(y * tw) + x] = true;
                    }
                }
            }
        }

        return grown;
    }

    /// <summary>Bounding boxes (full resolution) of 8-connected tile clusters, merged until none overlap.</summary>
    private static List<PixelBox> Clusters(bool[] tiles, int tw, int th, int width, int height)
    {
        var seen = new bool[tiles.Length];
        var boxes = new List<PixelBox>();
        var stack = new Stack<int>();
        for (var start = 0; start < tiles.Length; start++)
        {
            if (!tiles[start] || seen[start])
            {
                continue;
            }

            int x0 = int.MaxValue, y0 = int.MaxValue, x1 = -1, y1 = -1;
            seen[start] = true;
            stack.Push(start);
            while (stack.Count > 0)
            {
                var t = stack.Pop();
                int tx = t % tw, ty = t / tw;
                (x0, y0, x1, y1) = (Math.Min(x0, tx), Math.Min(y0, ty), Math.Max(x1, tx), Math.Max(y1, ty));
                for (var y = Math.Max(0, ty - 1); y <= Math.Min(th - 1, ty + 1); y++)
                {
                    for (var x = Math.Max(0, tx - 1); x <= Math.Min(tw - 1, tx + 1); x++)
                    {
                        var n = (y * tw) + x;
                        if (tiles[n] && !seen[n])
                        {
                            seen[n] = true;
                            stack.Push(n);
                        }
                    }
                }
            }

            var px0 = x0 * Tile;
            var py0 = y0 * Tile;
            boxes.Add(new PixelBox(px0, py0, Math.Min(width, (x1 + 1) * Tile) - px0, Math.Min(height, (y1 + 1) * Tile) - py0));
        }

        return PixelBox.MergeOverlapping(boxes);
    }
}
