using System.Diagnostics;
using RadAnon.Core.Ocr;
using RadAnon.Core.Pixels.Text;

namespace RadAnon.SyntheticData;

/// <summary>
/// The least OCR any pipeline that reads burned-in text must pay: Tesseract on the true text boxes only, each read
/// once, as an upright dark-on-white crop at a good glyph height, on as many threads as cores. No detection, no
/// echo or second readings, no verification. Compared with the baseline it bounds the speed-up reading can give.
/// </summary>
public static class OcrFloor
{
    private const int TargetHeight = 40;

    public static int Run(int count, int width, int height)
    {
        var options = new GeneratorOptions { Width = width, Height = height, BitsStored = 16 };
        using var ocr = new TesseractOcr();
        using var self = Process.GetCurrentProcess();
        var warmUp = RadiographGenerator.Generate(999, options);
        _ = ReadAll(ocr, warmUp);
        var wall = new List<double>();
        var cpu = new List<double>();
        var lines = 0;
        for (var i = 0; i < count; i++)
        {
            var c = RadiographGenerator.Generate(1000 + i, options);
            self.Refresh();
            var cpuBefore = self.TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            lines += ReadAll(ocr, c);
            wall.Add(clock.Elapsed.TotalMilliseconds);
            self.Refresh();
            cpu.Add((self.TotalProcessorTime - cpuBefore).TotalMilliseconds);
            Console.Error.WriteLine(FormattableString.Invariant($"floor seed {c.Seed}: {wall[^1]:0} ms, CPU {cpu[^1]:0} ms, {c.Truth.Count} text boxes"));
        }

        Console.WriteLine(FormattableString.Invariant(
            $"| OCR floor (true text boxes only, read once) | {count} | {Median(wall):0} | {Median(cpu):0} | 0 | {Median(wall):0} | 0 | 0 | – | {lines} boxes read | – | – | – |"));
        return 0;
    }

    private static int ReadAll(TesseractOcr ocr, SyntheticCase c)
    {
        var view = c.Image.To8BitView();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount };
        Parallel.ForEach(c.Truth, parallel, t =>
        {
            var (crop, cw, ch) = UprightCrop(view, c.Image.Width, c.Image.Height, t);
            _ = ocr.Recognize(crop, cw, ch, cw, t.Text.Length == 1 ? OcrMode.SingleCharacter : OcrMode.SingleLine);
        });
        return c.Truth.Count;
    }

    /// <summary>The box with a margin, dark on white, turned upright (either way: the cost is the same), scaled to <see cref="TargetHeight"/>.</summary>
    private static (byte[] Crop, int Width, int Height) UprightCrop(byte[] view, int width, int height, TruthBox t)
    {
        var across = t.Rotated ? t.Width : t.Height;
        var pad = Math.Max(4, across / 2);
        var box = new PixelBox(t.X, t.Y, t.Width, t.Height).Inflate(pad, width, height);
        var factor = TargetHeight / (double)Math.Max(1, across);
        var (along, side) = t.Rotated ? (box.Height, box.Width) : (box.Width, box.Height);
        var ow = Math.Max(1, (int)(along * factor));
        var oh = Math.Max(1, (int)(side * factor));
        var crop = new byte[ow * oh];
        for (var oy = 0; oy < oh; oy++)
        {
            for (var ox = 0; ox < ow; ox++)
            {
                var a = Math.Min(along - 1, (int)(ox / factor));
                var s = Math.Min(side - 1, (int)(oy / factor));
                var (x, y) = t.Rotated ? (box.X + s, box.Y + a) : (box.X + a, box.Y + s);
                var v = view[(y * width) + x];
                crop[(oy * ow) + ox] = t.LightOnDark ? (byte)(255 - v) : v;
            }
        }

        return (crop, ow, oh);
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
