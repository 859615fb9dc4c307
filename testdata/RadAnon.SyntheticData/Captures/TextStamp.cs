using System.Globalization;
using NetVips;
using RadAnon.Core.Pixels.Text;

namespace RadAnon.SyntheticData.Captures;

/// <summary>
/// A line of text rendered once by libvips (Pango) as a coverage mask: its size and the box of its ink (coverage above
/// an eighth, as the radiograph generator measures ink) relative to the mask.
/// </summary>
public sealed class TextStamp
{
    private TextStamp(byte[] mask, int width, int height, PixelBox ink, int size)
    {
        Mask = mask;
        Width = width;
        Height = height;
        Ink = ink;
        Size = size;
    }

    public byte[] Mask { get; }

    public int Width { get; }

    public int Height { get; }

    /// <summary>Ink box inside the mask; empty for blank text.</summary>
    public PixelBox Ink { get; }

    /// <summary>Font size in pixels (72 dpi), the glyph height the truth records.</summary>
    public int Size { get; }

    public static TextStamp Render(string text, string font, int size)
    {
        using var rendered = Image.Text(text, font: string.Create(CultureInfo.InvariantCulture, $"{font} {size}"), dpi: 72);
        var mask = rendered.Cast(Enums.BandFormat.Uchar).WriteToMemory<byte>();
        return new TextStamp(mask, rendered.Width, rendered.Height, InkBox(mask, rendered.Width, rendered.Height), size);
    }

    /// <summary>The same text turned 90 degrees (counter-clockwise when <paramref name="left"/>), for vertical labels.</summary>
    public TextStamp Rotated(bool left)
    {
        var turned = new byte[Mask.Length];
        for (var y = 0; y < Height; y++)
        {
            for (var x = 0; x < Width; x++)
            {
                var (tx, ty) = left ? (y, Width - 1 - x) : (Height - 1 - y, x);
                turned[(ty * Height) + tx] = Mask[(y * Width) + x];
            }
        }

        return new TextStamp(turned, Height, Width, InkBox(turned, Height, Width), Size);
    }

    private static PixelBox InkBox(byte[] mask, int w, int h)
    {
        int x0 = w, y0 = h, x1 = -1, y1 = -1;
        for (var y = 0; y < h; y++)
        {
            for (var x = 0; x < w; x++)
            {
                if (mask[(y * w) + x] > 32)
                {
                    x0 = Math.Min(x0, x);
                    x1 = Math.Max(x1, x);
                    y0 = Math.Min(y0, y);
                    y1 = Math.Max(y1, y);
                }
            }
        }

        return x1 < 0 ? default : new PixelBox(x0, y0, x1 - x0 + 1, y1 - y0 + 1);
    }
}
