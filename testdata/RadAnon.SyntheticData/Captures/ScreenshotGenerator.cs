using System.Globalization;
using RadAnon.Core.Pixels;
using RadAnon.Core.Pixels.Text;

namespace RadAnon.SyntheticData.Captures;

/// <summary>A screenshot or photo with the truth of every line of text on it. The engine cleans <see cref="Luminance"/>.</summary>
public sealed record CaptureCase(int Seed, RgbCanvas Image, IReadOnlyList<LineTruth> Truth)
{
    public GrayImage Luminance() => Image.Luminance();
}

/// <summary>
/// Seeded viewer screenshots (1280x1024 to 1920x1080): a dark UI with a title bar, a toolbar of icons and labels, a
/// patient banner, a study list with thumbnails and dates, a status bar, and one or two viewports whose images come from
/// the shared corpus or the synthetic generators, with overlay text in four corners and markers in the image. Same seed,
/// same screenshot (for a given corpus). Names, IDs and places are obviously fake.
/// </summary>
public static class ScreenshotGenerator
{
    private static readonly (int W, int H)[] Sizes = [(1280, 1024), (1440, 900), (1600, 900), (1680, 1050), (1920, 1080)];
    private static readonly string[] Apps = ["RadView Workstation", "OpenPACS Viewer", "Demo DICOM Viewer 4", "Example Reading Station"];
    private static readonly string[] Tools = ["Zoom", "Pan", "W/L", "Measure", "Annotate", "Layout", "Cine", "Export", "Reset", "Invert"];
    private static readonly string[] Studies = ["CR CHEST", "DX KNEE 2 VIEWS", "XA CORONARY", "CT ABDOMEN", "MR BRAIN", "MG SCREENING", "RF SWALLOW"];

    public static CaptureCase Generate(int seed)
    {
        var rng = new Random(seed);
        var (width, height) = Sizes[rng.Next(Sizes.Length)];
        var canvas = new RgbCanvas(width, height);
        var w = new ScreenWriter(canvas, rng);
        var patient = FakePatient.Draw(rng);
        var panel = Rgb.Gray(28 + rng.Next(24));
        canvas.Fill(canvas.Bounds, panel);
        var y = TitleBar(w, patient);
        y = Toolbar(w, y);
        y = Banner(w, y, patient);
        var status = StatusBar(w, patient);
        var listWidth = 190 + rng.Next(100);
        StudyList(w, new PixelBox(0, y, listWidth, status - y), patient);
        var area = new PixelBox(listWidth + 2, y + 2, width - listWidth - 4, status - y - 4);
        var two = rng.Next(3) == 0;
        var half = area.Width / 2;
        ViewportPainter.Paint(w, two ? area with { Width = half - 1 } : area, patient, true);
        if (two)
        {
            ViewportPainter.Paint(w, new PixelBox(area.X + half + 1, area.Y, area.Width - half - 1, area.Height), patient, false);
        }

        return new CaptureCase(seed, canvas, w.Truth);
    }

    private static int TitleBar(ScreenWriter w, FakePatient p)
    {
        var rng = w.Rng;
        var h = 22 + rng.Next(9);
        w.Canvas.Fill(new PixelBox(0, 0, w.Canvas.Width, h), Rgb.Gray(12 + rng.Next(16)));
        var font = rng.Next(2) == 0 ? "DejaVu Sans" : "Liberation Sans";
        var size = h - 9;
        var grey = Rgb.Gray(200 + rng.Next(40));
        var app = w.Line(Apps[rng.Next(Apps.Length)], LineKind.UiOther, "app", font, size, grey, 10, 3);
        var x = 10 + app.Width + 24;
        if (rng.Next(3) != 0)
        {
            var name = w.Line(p.Name(rng), LineKind.Identifying, "name", font, size, grey, x, 3);
            w.Line(p.Id, LineKind.Identifying, "id", font, size, grey, x + name.Width + 24, 3);
        }

        for (var b = 0; b < 3; b++)
        {
            // Window buttons: plain squares, no glyphs.
            w.Canvas.Outline(new PixelBox(w.Canvas.Width - (34 * (b + 1)), 5, h - 10, h - 10), grey);
        }

        return h;
    }

    private static int Toolbar(ScreenWriter w, int top)
    {
        var rng = w.Rng;
        var labelled = rng.Next(2) == 0;
        var h = labelled ? 52 + rng.Next(8) : 36 + rng.Next(8);
        w.Canvas.FillVertical(new PixelBox(0, top, w.Canvas.Width, h), Rgb.Gray(60 + rng.Next(20)), Rgb.Gray(36 + rng.Next(10)));
        var icon = Rgb.Gray(150 + rng.Next(80));
        var size = 11 + rng.Next(2);
        for (var (i, x) = (0, 10); i < Tools.Length && x < w.Canvas.Width - 80; i++, x += 64)
        {
            Icon(w.Canvas, new PixelBox(x + 16, top + 5, 24, 24), i, icon);
            if (labelled)
            {
                var stamp = TextStamp.Render(Tools[i], "DejaVu Sans", size);
                w.Put(stamp, Tools[i], LineKind.UiOther, "label", icon, x + 28 - (stamp.Width / 2), top + 32);
            }
        }

        return top + h;
    }

    /// <summary>A tool icon from lines, circles and frames: shapes a detector meets on every screenshot, none of them text.</summary>
    private static void Icon(RgbCanvas c, PixelBox b, int kind, Rgb colour)
    {
        switch (kind % 4)
        {
            case 0:
                c.Outline(b, colour, 2);
                break;
            case 1:
                c.Fill(new PixelBox(b.X + 10, b.Y, 4, b.Height), colour);
                c.Fill(new PixelBox(b.X, b.Y + 10, b.Width, 4), colour);
                break;
            case 2:
                c.Fill(new PixelBox(b.X, b.Y, b.Width / 2, b.Height), colour);
                c.Outline(b, colour);
                break;
            default:
                for (var k = 0; k < b.Width; k++)
                {
                    c.Fill(new PixelBox(b.X + k, b.Bottom - 1 - k, 2, 2), colour);
                }

                break;
        }
    }

    private static int Banner(ScreenWriter w, int top, FakePatient p)
    {
        var rng = w.Rng;
        var h = 26 + rng.Next(12);
        w.Canvas.Fill(new PixelBox(0, top, w.Canvas.Width, h), new Rgb((byte)(20 + rng.Next(20)), (byte)(40 + rng.Next(30)), (byte)(70 + rng.Next(50))));
        var font = w.AnyFont();
        var size = Math.Min(h - 10, 12 + rng.Next(4));
        var ink = Rgb.Gray(225 + rng.Next(31));
        var items = new (string Text, string Field, LineKind Kind)[]
        {
            (p.Name(rng), "name", LineKind.Identifying), ("ID: " + p.Id, "id", LineKind.Identifying),
            ("DOB: " + FakePatient.Date(rng, p.Birth), "birth", LineKind.Identifying), ("Sex: " + (rng.Next(2) == 0 ? "F" : "M"), "sex", LineKind.UiOther),
            ("Acc: " + p.Accession, "accession", LineKind.Identifying), ("Study: " + FakePatient.Date(rng, p.Study), "study-date", LineKind.Identifying),
        };
        var x = 12;
        foreach (var (text, field, kind) in items)
        {
            var stamp = TextStamp.Render(text, font, size);
            if (x + stamp.Width > w.Canvas.Width - 12)
            {
                break;
            }

            w.Put(stamp, text, kind, field, ink, x, top + ((h - stamp.Height) / 2));
            x += stamp.Width + 24 + rng.Next(24);
        }

        return top + h;
    }

    private static int StatusBar(ScreenWriter w, FakePatient p)
    {
        var rng = w.Rng;
        var h = 20 + rng.Next(7);
        var top = w.Canvas.Height - h;
        w.Canvas.Fill(new PixelBox(0, top, w.Canvas.Width, h), Rgb.Gray(18 + rng.Next(14)));
        var grey = Rgb.Gray(170 + rng.Next(60));
        var size = h - 9;
        var ready = w.Line("Ready", LineKind.UiOther, "label", "DejaVu Sans", size, grey, 8, top + 3);
        var place = w.Line(p.Institution, LineKind.Identifying, "institution", "DejaVu Sans", size, grey, 8 + ready.Width + 40, top + 3);
        var memory = string.Create(CultureInfo.InvariantCulture, $"Mem {rng.Next(200, 4000)} MB");
        w.Line(memory, LineKind.UiOther, "label", "DejaVu Sans", size, grey, 8 + ready.Width + 40 + place.Width + 40, top + 3);
        return top;
    }

    private static void StudyList(ScreenWriter w, PixelBox r, FakePatient p)
    {
        var rng = w.Rng;
        w.Canvas.Fill(r, Rgb.Gray(22 + rng.Next(12)));
        var text = Rgb.Gray(190 + rng.Next(50));
        var font = w.AnyFont();
        var size = 11 + rng.Next(3);
        var y = r.Y + 8;
        w.Line("Series", LineKind.UiOther, "label", font, size + 1, text, r.X + 10, y);
        y += size + 12;
        w.Line(FakePatient.Date(rng, p.Study), LineKind.Identifying, "study-date", font, size, text, r.X + 10, y);
        y += size + 6;
        w.Line(Studies[rng.Next(Studies.Length)], LineKind.UiOther, "description", font, size, text, r.X + 10, y);
        y += size + 10;
        var thumb = Math.Min(r.Width - 24, 96 + rng.Next(40));
        for (var s = 1; y + thumb + size + 12 < r.Bottom; s++)
        {
            var image = ViewportAnatomy.Fit(ViewportAnatomy.Pick(rng, markers: false), thumb, thumb).Image;
            w.Canvas.Fill(new PixelBox(r.X + 12, y, thumb, thumb), new Rgb(0, 0, 0));
            w.Canvas.DrawGray(image, r.X + 12 + ((thumb - image.Width) / 2), y + ((thumb - image.Height) / 2), new Rgb(255, 255, 255));
            w.Canvas.Outline(new PixelBox(r.X + 11, y - 1, thumb + 2, thumb + 2), s == 1 ? new Rgb(230, 190, 40) : Rgb.Gray(80));
            var label = string.Create(CultureInfo.InvariantCulture, $"Se {s}: {rng.Next(1, 80)} img");
            w.Line(label, LineKind.UiOther, "counter", font, size, text, r.X + 12, y + thumb + 4);
            y += thumb + size + 18;
        }
    }
}
