using RadAnon.Core.Pixels.Text;
using RadAnon.Dicom.Pixels;

namespace RadAnon.Core.Tests.Pixels.Ultrasound;

/// <summary>
/// One input frame against its anonymized counterpart, judged by the annotations. A pixel changed when any of its
/// stored samples differs. An identifying box counts as removed when at least <see cref="RemovedInkFraction"/> of its
/// ink changed, ink being the pixels that differ from the most common value on the box's own border (the background
/// the text sits on): a fill that continues the background leaves background pixels as they were, so a fraction of
/// all the box's pixels would say nothing. Collateral is changed pixels outside every text and marker box, as a
/// percentage of the pixels outside them; a protected pixel is one in a protected box and outside every text box.
/// </summary>
public sealed class FrameComparison
{
    public const double RemovedInkFraction = 0.98;

    private FrameComparison(bool[] changed, int width, int height)
    {
        Changed = changed;
        Width = width;
        Height = height;
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>Per pixel, row-major: did any sample change.</summary>
    public bool[] Changed { get; }

    /// <summary>Fraction of each identifying box's ink that changed, in annotation order (1 when a box has no ink).</summary>
    public List<double> IdentifyingInkChanged { get; } = [];

    public long ChangedOutsideText { get; private set; }

    public long OutsideText { get; private set; }

    public double CollateralPercent => OutsideText == 0 ? 0 : 100.0 * ChangedOutsideText / OutsideText;

    /// <summary>Changed pixels per protected kind (outside every text box).</summary>
    public Dictionary<string, long> ProtectedChanged { get; } = new(StringComparer.Ordinal);

    /// <summary>Marker boxes with at least one changed pixel.</summary>
    public int MarkersChanged { get; private set; }

    public static FrameComparison Compare(PixelFrame before, PixelFrame after, int frame, IReadOnlyList<AnnotatedBox> boxes)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        ArgumentNullException.ThrowIfNull(boxes);
        var pixel = PixelSize(before);
        if ((before.Rows, before.Columns, pixel, before.PhotometricInterpretation) != (after.Rows, after.Columns, PixelSize(after), after.PhotometricInterpretation))
        {
            throw new InvalidDataException($"frame {frame}: the output's layout ({after.Columns}x{after.Rows}, {after.PhotometricInterpretation}) differs from the input's");
        }

        var comparison = new FrameComparison(ChangedMask(before.Bytes, after.Bytes, pixel), before.Columns, before.Rows);
        var applying = boxes.Where(b => b.AppliesTo(frame)).ToList();
        comparison.Judge(before, pixel, applying);
        return comparison;
    }

    private void Judge(PixelFrame before, int pixel, List<AnnotatedBox> boxes)
    {
        var text = new bool[Changed.Length];
        foreach (var b in boxes.Where(b => AnnotationKinds.Text.Contains(b.Kind)))
        {
            ForEach(b.Box, i => text[i] = true);
        }

        for (var i = 0; i < Changed.Length; i++)
        {
            OutsideText += text[i] ? 0 : 1;
            ChangedOutsideText += !text[i] && Changed[i] ? 1 : 0;
        }

        foreach (var b in boxes)
        {
            if (b.Kind == AnnotationKinds.Identifying)
            {
                IdentifyingInkChanged.Add(InkChanged(before.Bytes, pixel, b.Box));
            }
            else if (b.Kind == AnnotationKinds.Marker)
            {
                var any = false;
                ForEach(b.Box, i => any |= Changed[i]);
                MarkersChanged += any ? 1 : 0;
            }
            else if (AnnotationKinds.Protected.Contains(b.Kind))
            {
                long count = 0;
                ForEach(b.Box, i => count += Changed[i] && !text[i] ? 1 : 0);
                ProtectedChanged[b.Kind] = ProtectedChanged.GetValueOrDefault(b.Kind) + count;
            }
        }
    }

    private double InkChanged(ReadOnlySpan<byte> before, int pixel, PixelBox box)
    {
        var clipped = Clip(box);
        if (clipped.IsEmpty)
        {
            throw new InvalidDataException($"identifying box {box} lies outside the {Width}x{Height} image");
        }

        var values = new ulong[clipped.Width * clipped.Height];
        var counts = new Dictionary<ulong, int>();
        for (var y = clipped.Y; y < clipped.Bottom; y++)
        {
            for (var x = clipped.X; x < clipped.Right; x++)
            {
                var v = Key(before, ((y * Width) + x) * pixel, pixel);
                values[((y - clipped.Y) * clipped.Width) + x - clipped.X] = v;
                if (y == clipped.Y || y == clipped.Bottom - 1 || x == clipped.X || x == clipped.Right - 1)
                {
                    counts[v] = counts.GetValueOrDefault(v) + 1;
                }
            }
        }

        var background = counts.MaxBy(c => c.Value).Key;
        int ink = 0, changed = 0;
        for (var i = 0; i < values.Length; i++)
        {
            if (values[i] != background)
            {
                ink++;
                changed += Changed[((clipped.Y + (i / clipped.Width)) * Width) + clipped.X + (i % clipped.Width)] ? 1 : 0;
            }
        }

        return ink == 0 ? 1 : (double)changed / ink;
    }

    private static bool[] ChangedMask(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, int pixel)
    {
        var changed = new bool[a.Length / pixel];
        for (var i = 0; i < changed.Length; i++)
        {
            changed[i] = !a.Slice(i * pixel, pixel).SequenceEqual(b.Slice(i * pixel, pixel));
        }

        return changed;
    }

    private static ulong Key(ReadOnlySpan<byte> bytes, int offset, int length)
    {
        ulong key = 0;
        for (var k = 0; k < length; k++)
        {
            key = (key << 8) | bytes[offset + k];
        }

        return key;
    }

    private static int PixelSize(PixelFrame f) => f.SamplesPerPixel * f.Description.BytesPerSample;

    private PixelBox Clip(PixelBox box) => box.Intersect(new PixelBox(0, 0, Width, Height));

    private void ForEach(PixelBox box, Action<int> visit)
    {
        var c = Clip(box);
        for (var y = c.Y; y < c.Bottom; y++)
        {
            for (var x = c.X; x < c.Right; x++)
            {
                visit((y * Width) + x);
            }
        }
    }
}
