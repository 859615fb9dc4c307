using NetVips;
using RadAnon.Core.Pixels;
using RadAnon.Core.Pixels.Text;
using RadAnon.Core.Tests.Pixels.Ultrasound;
using RadAnon.Dicom.Data;
using RadAnon.Dicom.Pixels;

namespace RadAnon.UltrasoundBench;

/// <summary>
/// Frame 0 as a 2x2 picture at most <see cref="MaxWidth"/> wide: before | after, then where pixels changed (green
/// inside text and marker boxes, red in protected regions, yellow elsewhere, over a dimmed input) | the annotations.
/// </summary>
internal static class SideBySide
{
    public const int MaxWidth = 640;
    private const int Shim = 4;

    private static readonly Dictionary<string, byte[]> KindColours = new(StringComparer.Ordinal)
    {
        [AnnotationKinds.Identifying] = [255, 40, 40],
        [AnnotationKinds.OtherText] = [255, 220, 0],
        [AnnotationKinds.Marker] = [0, 230, 0],
        ["sector"] = [40, 140, 255],
        ["doppler"] = [255, 0, 255],
        ["ecg"] = [0, 255, 255],
        ["colourbar"] = [255, 140, 0],
        ["inset"] = [160, 255, 160],
        ["mmode"] = [255, 255, 255],
    };

    public static string FileName(string corpusPath) => corpusPath.Replace('/', '_').Replace(".dcm", string.Empty, StringComparison.Ordinal) + ".png";

    public static void Write(UltrasoundRun run, IReadOnlyList<AnnotatedBox> boxes, string path)
    {
        var (w, h) = (run.Before.Columns, run.Before.Rows);
        var before = Rgb(run.Input.Dataset, run.Before);
        var panels = new[] { before, Rgb(run.Output.Dataset, run.After), ChangeMap(before, run.First, boxes), Annotated(before, w, h, boxes) };
        var scale = ((MaxWidth - Shim) / 2.0) / w;
        var kernel = scale >= 1 ? Enums.Kernel.Nearest : Enums.Kernel.Linear;
        var images = panels.Select(p => Image.NewFromMemory(p, w, h, 3, Enums.BandFormat.Uchar).Resize(scale, kernel: kernel)).ToArray();
        using var grid = Image.Arrayjoin(images, across: 2, shim: Shim, background: [255]);
        grid.Pngsave(path, compression: 9, keep: Enums.ForeignKeep.None);
        foreach (var image in images)
        {
            image.Dispose();
        }
    }

    private static byte[] Rgb(DicomDataset dataset, PixelFrame frame)
    {
        var rendered = DisplayRenderer.Render(dataset, frame);
        if (rendered.Bands == 3)
        {
            return rendered.Data;
        }

        var rgb = new byte[rendered.Data.Length * 3];
        for (var i = 0; i < rendered.Data.Length; i++)
        {
            rgb[3 * i] = rgb[(3 * i) + 1] = rgb[(3 * i) + 2] = rendered.Data[i];
        }

        return rgb;
    }

    private static byte[] ChangeMap(byte[] before, FrameComparison comparison, IReadOnlyList<AnnotatedBox> boxes)
    {
        var (w, h) = (comparison.Width, comparison.Height);
        var text = Mask(w, h, boxes.Where(b => b.AppliesTo(0) && AnnotationKinds.Text.Contains(b.Kind)));
        var guarded = Mask(w, h, boxes.Where(b => b.AppliesTo(0) && AnnotationKinds.Protected.Contains(b.Kind)));
        var map = new byte[before.Length];
        for (var i = 0; i < w * h; i++)
        {
            byte[] colour = !comparison.Changed[i] ? [(byte)(before[3 * i] / 3), (byte)(before[(3 * i) + 1] / 3), (byte)(before[(3 * i) + 2] / 3)]
                : text[i] ? [0, 200, 0]
                : guarded[i] ? [255, 0, 0]
                : [255, 230, 0];
            colour.CopyTo(map.AsSpan(3 * i));
        }

        return map;
    }

    private static byte[] Annotated(byte[] before, int w, int h, IReadOnlyList<AnnotatedBox> boxes)
    {
        var copy = (byte[])before.Clone();
        foreach (var b in boxes.Where(b => b.AppliesTo(0)))
        {
            var c = b.Box.Intersect(new PixelBox(0, 0, w, h));
            var colour = KindColours[b.Kind];
            for (var x = c.X; x < c.Right; x++)
            {
                colour.CopyTo(copy.AsSpan(3 * ((c.Y * w) + x)));
                colour.CopyTo(copy.AsSpan(3 * (((c.Bottom - 1) * w) + x)));
            }

            for (var y = c.Y; y < c.Bottom; y++)
            {
                colour.CopyTo(copy.AsSpan(3 * ((y * w) + c.X)));
                colour.CopyTo(copy.AsSpan(3 * ((y * w) + c.Right - 1)));
            }
        }

        return copy;
    }

    private static bool[] Mask(int w, int h, IEnumerable<AnnotatedBox> boxes)
    {
        var mask = new bool[w * h];
        foreach (var b in boxes)
        {
            var c = b.Box.Intersect(new PixelBox(0, 0, w, h));
            for (var y = c.Y; y < c.Bottom; y++)
            {
                mask.AsSpan((y * w) + c.X, c.Width).Fill(true);
            }
        }

        return mask;
    }
}
