using RadAnon.Core.Pixels.Text;

namespace RadAnon.SyntheticData.Captures;

/// <summary>Draws lines of text on a canvas and records the truth of each one.</summary>
internal sealed class ScreenWriter(RgbCanvas canvas, Random rng)
{
    /// <summary>Fonts of viewer UIs: DejaVu, Liberation and FreeFont families, plain, bold and monospaced.</summary>
    public static readonly string[] Fonts =
        ["DejaVu Sans", "DejaVu Sans Bold", "DejaVu Sans Mono", "DejaVu Sans Condensed", "Liberation Sans", "Liberation Sans Bold", "Liberation Mono", "FreeSans", "FreeMono Bold", "DejaVu Serif"];

    public RgbCanvas Canvas { get; } = canvas;

    public Random Rng { get; } = rng;

    public List<LineTruth> Truth { get; } = [];

    public string AnyFont() => Fonts[Rng.Next(Fonts.Length)];

    /// <summary>Draws the text with its stamp's top-left at (x, y); returns the stamp so callers can lay out after it.</summary>
    public TextStamp Line(string text, LineKind kind, string field, string font, int size, Rgb colour, int x, int y)
    {
        var stamp = TextStamp.Render(text, font, size);
        Put(stamp, text, kind, field, colour, x, y);
        return stamp;
    }

    /// <summary>Draws a rendered stamp and records it when any of its ink lies on the canvas.</summary>
    public PixelBox Put(TextStamp stamp, string text, LineKind kind, string field, Rgb colour, int x, int y)
    {
        var ink = Canvas.Stamp(stamp, x, y, colour);
        if (!ink.IsEmpty)
        {
            Truth.Add(new LineTruth(ink, text, kind, field, stamp.Size, colour));
        }

        return ink;
    }

    /// <summary>True when <paramref name="box"/>, grown by <paramref name="pad"/>, touches no recorded line.</summary>
    public bool IsFree(PixelBox box, int pad) =>
        Truth.TrueForAll(t => !new PixelBox(t.Box.X - pad, t.Box.Y - pad, t.Box.Width + (2 * pad), t.Box.Height + (2 * pad)).Intersects(box));
}
