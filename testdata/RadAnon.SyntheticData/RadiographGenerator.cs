using System.Globalization;
using NetVips;
using RadAnon.Core.Pixels;

namespace RadAnon.SyntheticData;

/// <summary>Size, depth and text load of the synthetic radiographs.</summary>
public sealed record GeneratorOptions
{
    public int Width { get; init; } = 1024;

    public int Height { get; init; } = 1280;

    /// <summary>8, 12 or 16; 12 is stored in 16-bit samples.</summary>
    public int BitsStored { get; init; } = 8;

    public int MinTextLines { get; init; } = 5;

    public int MaxTextLines { get; init; } = 9;

    /// <summary>Font families to draw with; null for the DejaVu set everything is tuned on.</summary>
    public IReadOnlyList<string>? Fonts { get; init; }

    /// <summary>
    /// Fonts nothing was tuned on (fonts-liberation2, fonts-freefont-ttf): a robustness check of how the cleaner does on
    /// text it has never seen, as an outside evaluation would draw it.
    /// </summary>
    public static IReadOnlyList<string> UnseenFonts { get; } =
        ["Liberation Sans", "Liberation Sans Bold", "Liberation Serif", "Liberation Mono", "FreeSans", "FreeSerif Bold", "FreeMono Bold"];
}

/// <summary>
/// Seeded synthetic radiographs: anatomy-like smooth structures (body, bones, soft tissue), collimation borders and
/// noise, with burned-in names, dates, IDs and institutions (light and dark, 8-150 px, some rotated 90 degrees,
/// with or without a backing box, over borders and over anatomy) plus side and projection markers. Text is rendered
/// with DejaVu through libvips (fonts-dejavu-core). Same seed, same image.
/// </summary>
public static class RadiographGenerator
{
    private static readonly string[] Families = ["Doe", "Kaufman", "Nguyen", "Okafor", "Schmidt", "Garcia", "Larsen", "Moreau", "Patel", "Kowalski"];
    private static readonly string[] Given = ["John", "Scott", "Maria", "Aiko", "Peter", "Fatima", "Lena", "Omar", "Grace", "Henrik"];
    private static readonly string[] Institutions = ["ST MARY HOSPITAL", "General Infirmary", "NORTHSIDE MEDICAL CENTER", "Royal Clinic", "UNIVERSITY HOSPITAL"];
    private static readonly string[] Markers = ["L", "R", "AP", "PA", "ERECT", "SUPINE", "PORTABLE", "LAT"];
    private static readonly string[] Fonts = ["DejaVu Sans", "DejaVu Sans Bold", "DejaVu Sans Mono", "DejaVu Serif", "DejaVu Sans Condensed"];

    public static SyntheticCase Generate(int seed, GeneratorOptions? options = null)
    {
        options ??= new GeneratorOptions();
        var rng = new Random(seed);
        var w = options.Width;
        var h = options.Height;
        var field = Background(rng, w, h);

        var family = Families[rng.Next(Families.Length)];
        var given = Given[rng.Next(Given.Length)];
        var birth = new DateTime(1930 + rng.Next(80), 1 + rng.Next(12), 1 + rng.Next(28), 0, 0, 0, DateTimeKind.Unspecified);
        var study = new DateTime(2005 + rng.Next(20), 1 + rng.Next(12), 1 + rng.Next(28), 0, 0, 0, DateTimeKind.Unspecified);
        var id = rng.Next(1_000_000, 99_999_999).ToString(CultureInfo.InvariantCulture);
        var accession = "A" + rng.Next(100_000, 999_999).ToString(CultureInfo.InvariantCulture);
        var headers = new List<string>
        {
            family.ToUpperInvariant() + "^" + given.ToUpperInvariant(), id, accession,
            birth.ToString("yyyyMMdd", CultureInfo.InvariantCulture), study.ToString("yyyyMMdd", CultureInfo.InvariantCulture),
        };

        var texts = new List<(string Text, string Kind)>
        {
            (rng.Next(3) switch { 0 => $"{family.ToUpperInvariant()}^{given.ToUpperInvariant()}", 1 => $"{family}, {given}", _ => $"{given} {family}" }, "name"),
            (DateText(rng, birth, "DOB "), "date"),
            ((rng.Next(2) == 0 ? "ID: " : "MRN ") + id, "id"),
            (DateText(rng, study, string.Empty) + (rng.Next(2) == 0 ? $" {rng.Next(24):00}:{rng.Next(60):00}" : string.Empty), "date"),
            (Institutions[rng.Next(Institutions.Length)], "institution"),
            ("ACC " + accession, "id"),
        };
        var lineCount = rng.Next(options.MinTextLines, options.MaxTextLines + 1);
        var chosen = texts.OrderBy(_ => rng.Next()).Take(Math.Min(lineCount - 2, texts.Count)).ToList();
        chosen.Add((Markers[rng.Next(2)], "marker"));
        chosen.Add((Markers[2 + rng.Next(Markers.Length - 2)], "marker"));

        var truth = new List<TruthBox>();
        foreach (var (text, kind) in chosen)
        {
            PlaceText(rng, field, w, h, text, kind, truth, options.Fonts ?? Fonts);
        }

        AddNoise(rng, field, options.BitsStored);
        return new SyntheticCase(seed, ToImage(field, w, h, options.BitsStored), truth, headers);
    }

    private static string DateText(Random rng, DateTime d, string prefix) => prefix + rng.Next(4) switch
    {
        0 => d.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture),
        1 => d.ToString("MM/dd/yyyy", CultureInfo.InvariantCulture),
        2 => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        _ => d.ToString("dd-MMM-yyyy", CultureInfo.InvariantCulture).ToUpperInvariant(),
    };

    /// <summary>Intensities in 0..1: dark background, a bright soft body with bone-like structures, collimation.</summary>
    private static float[] Background(Random rng, int w, int h)
    {
        var field = new float[w * h];
        var cx = w * (0.4 + (0.2 * rng.NextDouble()));
        var cy = h * (0.45 + (0.1 * rng.NextDouble()));
        var rx = w * (0.3 + (0.1 * rng.NextDouble()));
        var ry = h * (0.35 + (0.1 * rng.NextDouble()));
        var bones = Enumerable.Range(0, 3 + rng.Next(4)).Select(_ => (
            X: cx + (rx * (rng.NextDouble() - 0.5)), Y: cy + (ry * (rng.NextDouble() - 0.5)),
            A: rx * (0.2 + (0.5 * rng.NextDouble())), B: w * (0.02 + (0.03 * rng.NextDouble())), T: rng.NextDouble() * Math.PI)).ToArray();
        var gx = (rng.NextDouble() - 0.5) * 0.3;
        var border = rng.Next(3) switch { 0 => 0, 1 => (int)(w * 0.04), _ => (int)(w * 0.08) };
        var borderValue = rng.Next(2) == 0 ? 0.05f : 0.85f;
        for (var y = 0; y < h; y++)
        {
            for (var x = 0; x < w; x++)
            {
                var dx = (x - cx) / rx;
                var dy = (y - cy) / ry;
                var r = Math.Sqrt((dx * dx) + (dy * dy));
                var body = 1.0 / (1.0 + Math.Exp((r - 1) * 12));
                var v = 0.12 + (gx * x / w) + (0.35 * body) + (0.05 * Math.Sin((x * 0.013) + (y * 0.007)));
                foreach (var b in bones)
                {
                    var ux = ((x - b.X) * Math.Cos(b.T)) + ((y - b.Y) * Math.Sin(b.T));
                    var uy = (-(x - b.X) * Math.Sin(b.T)) + ((y - b.Y) * Math.Cos(b.T));
                    var q = ((ux / b.A) * (ux / b.A)) + ((uy / b.B) * (uy / b.B));
                    if (q < 1)
                    {
                        v += 0.25 * Math.Sqrt(1 - q);
                    }
                }

                if (x < border || y < border || x >= w - border || y >= h - border)
                {
                    v = borderValue;
                }

                field[(y * w) + x] = (float)Math.Clamp(v, 0, 1);
            }
        }

        return field;
    }

    private static void PlaceText(Random rng, float[] field, int w, int h, string text, string kind, List<TruthBox> truth, IReadOnlyList<string> fonts)
    {
        var marker = kind == "marker";
        var size = marker ? rng.Next(20, 150) : rng.Next(10) switch { < 6 => rng.Next(8, 28), < 9 => rng.Next(28, 60), _ => rng.Next(60, 120) };
        var font = fonts[rng.Next(fonts.Count)];
        var rotated = !marker && rng.Next(6) == 0;
        var light = rng.Next(3) != 0;
        var backing = rng.Next(4) == 0;

        using var rendered = Image.Text(text, font: $"{font} {size}", dpi: 72);
        using var turned = rotated ? (rng.Next(2) == 0 ? rendered.Rot90() : rendered.Rot270()) : rendered.Copy();
        var mask = turned.Cast(Enums.BandFormat.Uchar).WriteToMemory<byte>();
        var mw = turned.Width;
        var mh = turned.Height;
        if (mw + 8 >= w || mh + 8 >= h)
        {
            return;
        }

        for (var attempt = 0; attempt < 40; attempt++)
        {
            // Half in corners (over borders), half anywhere (over anatomy).
            int x, y;
            if (rng.Next(2) == 0)
            {
                x = rng.Next(2) == 0 ? rng.Next(4, Math.Max(5, w / 6)) : Math.Max(4, w - mw - rng.Next(4, Math.Max(5, w / 6)));
                y = rng.Next(2) == 0 ? rng.Next(4, Math.Max(5, h / 6)) : Math.Max(4, h - mh - rng.Next(4, Math.Max(5, h / 6)));
            }
            else
            {
                x = rng.Next(4, w - mw - 4);
                y = rng.Next(4, h - mh - 4);
            }

            if (x + mw >= w - 2 || y + mh >= h - 2)
            {
                continue;
            }

            var box = Ink(mask, mw, mh, x, y);
            var pad = Math.Max(8, size / 2);
            if (truth.Any(t => t.X - pad < box.X + box.W && box.X - pad < t.X + t.Width && t.Y - pad < box.Y + box.H && box.Y - pad < t.Y + t.Height))
            {
                continue;
            }

            // Ink contrasts with what is under it (or with the backing box): dark text over bright areas, light over dark.
            if (!backing)
            {
                light = LocalMean(field, w, box) < 0.5;
            }

            var ink = light ? 0.97f + (0.03f * (float)rng.NextDouble()) : 0.02f;
            if (backing)
            {
                var back = light ? 0.05f : 0.95f;
                for (var yy = box.Y - 4; yy < box.Y + box.H + 4; yy++)
                {
                    for (var xx = box.X - 4; xx < box.X + box.W + 4; xx++)
                    {
                        field[(yy * w) + xx] = back;
                    }
                }
            }

            for (var yy = 0; yy < mh; yy++)
            {
                for (var xx = 0; xx < mw; xx++)
                {
                    var a = mask[(yy * mw) + xx] / 255f;
                    if (a > 0)
                    {
                        var i = ((y + yy) * w) + x + xx;
                        field[i] = (field[i] * (1 - a)) + (ink * a);
                    }
                }
            }

            truth.Add(new TruthBox(box.X, box.Y, box.W, box.H, text, kind, !marker, rotated, light, size));
            return;
        }
    }

    private static double LocalMean(float[] field, int w, (int X, int Y, int W, int H) box)
    {
        double sum = 0;
        for (var y = box.Y; y < box.Y + box.H; y++)
        {
            for (var x = box.X; x < box.X + box.W; x++)
            {
                sum += field[(y * w) + x];
            }
        }

        return sum / Math.Max(1, box.W * box.H);
    }

    private static (int X, int Y, int W, int H) Ink(byte[] mask, int mw, int mh, int ox, int oy)
    {
        int x0 = mw, y0 = mh, x1 = -1, y1 = -1;
        for (var y = 0; y < mh; y++)
        {
            for (var x = 0; x < mw; x++)
            {
                if (mask[(y * mw) + x] > 32)
                {
                    x0 = Math.Min(x0, x);
                    x1 = Math.Max(x1, x);
                    y0 = Math.Min(y0, y);
                    y1 = Math.Max(y1, y);
                }
            }
        }

        return x1 < 0 ? (ox, oy, 0, 0) : (ox + x0, oy + y0, x1 - x0 + 1, y1 - y0 + 1);
    }

    private static void AddNoise(Random rng, float[] field, int bits)
    {
        var sigma = 0.004 + (0.012 * rng.NextDouble());
        for (var i = 0; i < field.Length; i++)
        {
            // Box-Muller.
            var u1 = 1.0 - rng.NextDouble();
            var u2 = rng.NextDouble();
            var n = Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
            field[i] = (float)Math.Clamp(field[i] + (sigma * n), 0, 1);
        }

        _ = bits;
    }

    private static GrayImage ToImage(float[] field, int w, int h, int bits)
    {
        if (bits == 8)
        {
            var image8 = GrayImage.Create8(w, h);
            var p8 = image8.Pixels8;
            for (var i = 0; i < field.Length; i++)
            {
                p8[i] = (byte)Math.Round(field[i] * 255);
            }

            return image8;
        }

        var image16 = GrayImage.Create16(w, h, bits);
        var p16 = image16.Pixels16;
        var max = (1 << bits) - 1;
        for (var i = 0; i < field.Length; i++)
        {
            p16[i] = (ushort)Math.Round(field[i] * max);
        }

        return image16;
    }
}
