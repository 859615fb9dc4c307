using System.Globalization;
using RadAnon.Core.Pixels.Text;

namespace RadAnon.SyntheticData.Captures;

/// <summary>
/// One viewport of a viewer: the image fitted on black, overlay text in its four corners (identifying top, technical
/// bottom, in one or several colours) and side/projection markers burned into the image.
/// </summary>
internal static class ViewportPainter
{
    private static readonly Rgb[] Colours =
        [new(235, 235, 235), new(240, 220, 80), new(120, 230, 120), new(100, 220, 240), new(250, 170, 60), new(190, 190, 190), new(255, 120, 120)];

    private static readonly string[] MarkerWords = ["L", "R", "AP", "PA", "ERECT", "SUPINE", "PORTABLE", "LAT"];

    public static void Paint(ScreenWriter w, PixelBox rect, FakePatient p, bool active)
    {
        w.Canvas.Fill(rect, new Rgb(0, 0, 0));
        var fitted = ViewportAnatomy.Fit(ViewportAnatomy.Pick(w.Rng), rect.Width - 8, rect.Height - 8);
        var image = new PixelBox(rect.X + ((rect.Width - fitted.Image.Width) / 2), rect.Y + ((rect.Height - fitted.Image.Height) / 2), fitted.Image.Width, fitted.Image.Height);
        w.Canvas.DrawGray(fitted.Image, image.X, image.Y, new Rgb(255, 255, 255));
        Corners(w, rect, p);
        foreach (var (box, glyph, text) in fitted.Markers)
        {
            // A generator marker under an overlay line can be neither kept nor removed: it counts as other text.
            var moved = new PixelBox(box.X + image.X, box.Y + image.Y, box.Width, box.Height);
            var kind = w.IsFree(moved, 4) ? LineKind.Marker : LineKind.UiOther;
            w.Truth.Add(new LineTruth(moved, text, kind, "marker", glyph, new Rgb(255, 255, 255)));
        }

        for (var m = 1 + w.Rng.Next(2); m > 0; m--)
        {
            PlaceMarker(w, image);
        }

        w.Canvas.Outline(rect, active ? new Rgb(230, 190, 40) : new Rgb(70, 70, 70));
    }

    private static void Corners(ScreenWriter w, PixelBox r, FakePatient p)
    {
        var rng = w.Rng;
        var font = w.AnyFont();
        var size = rng.Next(11, 17) + (r.Width > 1200 ? 2 : 0);
        var one = rng.Next(2) == 0 ? Colours[rng.Next(Colours.Length)] : (Rgb?)null;
        Rgb Colour() => one ?? Colours[rng.Next(Colours.Length)];
        var top = Identifying(rng, p);
        var split = 2 + rng.Next(Math.Max(1, top.Count - 2));
        Stack(w, r, top.Take(split).Append(("Sex: " + (rng.Next(2) == 0 ? "F" : "M"), "sex", LineKind.UiOther)).ToList(), false, false, font, size, Colour());
        Stack(w, r, top.Skip(split).ToList(), true, false, font, size, Colour());
        Stack(w, r, Technical(rng, 0), false, true, font, size, Colour());
        Stack(w, r, Technical(rng, 1), true, true, font, size, Colour());
    }

    /// <summary>Each identifying field with probability 0.8 (name and ID always), in a shuffled order after the name.</summary>
    private static List<(string Text, string Field, LineKind Kind)> Identifying(Random rng, FakePatient p)
    {
        var fields = new List<(string, string, LineKind)>
        {
            ((rng.Next(2) == 0 ? "ID: " : rng.Next(2) == 0 ? "MRN " : string.Empty) + p.Id, "id", LineKind.Identifying),
            ((rng.Next(2) == 0 ? "DOB: " : "Born ") + FakePatient.Date(rng, p.Birth), "birth", LineKind.Identifying),
            ((rng.Next(2) == 0 ? "Study: " : string.Empty) + FakePatient.Date(rng, p.Study), "study-date", LineKind.Identifying),
            ((rng.Next(2) == 0 ? "Time: " : string.Empty) + p.Time(rng), "study-time", LineKind.Identifying),
            ((rng.Next(2) == 0 ? "Acc: " : "ACC# ") + p.Accession, "accession", LineKind.Identifying),
            (p.Institution, "institution", LineKind.Identifying),
            ((rng.Next(2) == 0 ? "Ref: " : "Referring: ") + p.Referrer, "referrer", LineKind.Identifying),
        };
        var kept = fields.Where((_, i) => i == 0 || rng.NextDouble() < 0.8).OrderBy(_ => rng.Next()).ToList();
        kept.Insert(0, (p.Name(rng), "name", LineKind.Identifying));
        return kept;
    }

    private static List<(string Text, string Field, LineKind Kind)> Technical(Random rng, int corner)
    {
        var inv = CultureInfo.InvariantCulture;
        var wl = (rng.Next(1, 40) * 100, rng.Next(-10, 30) * 20);
        List<(string, string, LineKind)> lines = corner == 0
            ? [
                (rng.Next(2) == 0 ? string.Create(inv, $"W: {wl.Item1} L: {wl.Item2}") : string.Create(inv, $"WW/WL {wl.Item1}/{wl.Item2}"), "wl", LineKind.UiOther),
                (rng.Next(2) == 0 ? string.Create(inv, $"Zoom: {rng.Next(30, 400) / 100.0:0.00}") : string.Create(inv, $"Zoom {rng.Next(30, 400)}%"), "zoom", LineKind.UiOther),
                (string.Create(inv, $"Im: {rng.Next(1, 9)}/{rng.Next(10, 60)}"), "counter", LineKind.UiOther),
            ]
            : [
                (string.Create(inv, $"{rng.Next(50, 130)} kVp"), "exposure", LineKind.UiOther),
                (string.Create(inv, $"{rng.Next(5, 400) / 10.0:0.0} mAs"), "exposure", LineKind.UiOther),
                (string.Create(inv, $"Se: {rng.Next(1, 12)}  Im: {rng.Next(1, 40)}"), "counter", LineKind.UiOther),
            ];
        return lines.Where(_ => rng.NextDouble() < 0.8).ToList();
    }

    /// <summary>Lines stacked down from a top corner or up from a bottom corner, left- or right-aligned.</summary>
    private static void Stack(ScreenWriter w, PixelBox r, List<(string Text, string Field, LineKind Kind)> lines, bool right, bool bottom, string font, int size, Rgb colour)
    {
        var margin = 6 + w.Rng.Next(8);
        var step = size + 2 + w.Rng.Next(4);
        var y = bottom ? r.Bottom - margin - (lines.Count * step) : r.Y + margin;
        foreach (var (text, field, kind) in lines)
        {
            var stamp = TextStamp.Render(text, font, size);
            var x = right ? r.Right - margin - stamp.Ink.Right : r.X + margin - stamp.Ink.X;
            w.Put(stamp, text, kind, field, colour, x, y);
            y += step;
        }
    }

    /// <summary>A marker inside the image, contrasting with what is under it, sometimes in a box; away from other text.</summary>
    private static void PlaceMarker(ScreenWriter w, PixelBox image)
    {
        var rng = w.Rng;
        var word = MarkerWords[rng.Next(MarkerWords.Length)];
        var stamp = TextStamp.Render(word, w.AnyFont(), rng.Next(18, 56));
        for (var attempt = 0; attempt < 40; attempt++)
        {
            var x = image.X + rng.Next(Math.Max(1, image.Width - stamp.Width));
            var y = image.Y + rng.Next(Math.Max(1, image.Height - stamp.Height));
            var ink = new PixelBox(x + stamp.Ink.X, y + stamp.Ink.Y, stamp.Ink.Width, stamp.Ink.Height);
            if (ink.Right > image.Right || ink.Bottom > image.Bottom || !w.IsFree(ink, Math.Max(10, stamp.Size / 2)))
            {
                continue;
            }

            var light = MeanLuma(w.Canvas, ink) < 128;
            var colour = light ? Rgb.Gray(230 + rng.Next(26)) : Rgb.Gray(rng.Next(20));
            if (rng.Next(4) == 0)
            {
                w.Canvas.Outline(new PixelBox(ink.X - 6, ink.Y - 6, ink.Width + 12, ink.Height + 12), colour, 2);
            }

            w.Put(stamp, word, LineKind.Marker, "marker", colour, x, y);
            return;
        }
    }

    private static double MeanLuma(RgbCanvas canvas, PixelBox box)
    {
        double sum = 0;
        for (var y = box.Y; y < box.Bottom; y++)
        {
            for (var x = box.X; x < box.Right; x++)
            {
                sum += canvas[x, y].Luma;
            }
        }

        return sum / Math.Max(1, box.Area);
    }
}
