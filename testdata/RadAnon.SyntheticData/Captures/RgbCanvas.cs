using NetVips;
using RadAnon.Core.Pixels;
using RadAnon.Core.Pixels.Text;

namespace RadAnon.SyntheticData.Captures;

/// <summary>An 8-bit RGB image, interleaved without padding, that the capture generators draw on.</summary>
public sealed class RgbCanvas
{
    public RgbCanvas(int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        Width = width;
        Height = height;
        Data = new byte[width * height * 3];
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>R, G, B per pixel, row-major.</summary>
    public byte[] Data { get; }

    public PixelBox Bounds => new(0, 0, Width, Height);

    public Rgb this[int x, int y]
    {
        get
        {
            var i = ((y * Width) + x) * 3;
            return new Rgb(Data[i], Data[i + 1], Data[i + 2]);
        }

        set
        {
            var i = ((y * Width) + x) * 3;
            (Data[i], Data[i + 1], Data[i + 2]) = (value.R, value.G, value.B);
        }
    }

    public void Fill(PixelBox box, Rgb colour)
    {
        var b = box.Intersect(Bounds);
        for (var y = b.Y; y < b.Bottom; y++)
        {
            for (var x = b.X; x < b.Right; x++)
            {
                this[x, y] = colour;
            }
        }
    }

    /// <summary>A vertical gradient from <paramref name="top"/> to <paramref name="bottom"/>, as toolbars are shaded.</summary>
    public void FillVertical(PixelBox box, Rgb top, Rgb bottom)
    {
        var b = box.Intersect(Bounds);
        for (var y = b.Y; y < b.Bottom; y++)
        {
            var t = b.Height <= 1 ? 0 : (y - b.Y) / (double)(b.Height - 1);
            Fill(new PixelBox(b.X, y, b.Width, 1), Mix(top, bottom, t));
        }
    }

    public void Outline(PixelBox box, Rgb colour, int thickness = 1)
    {
        Fill(new PixelBox(box.X, box.Y, box.Width, thickness), colour);
        Fill(new PixelBox(box.X, box.Bottom - thickness, box.Width, thickness), colour);
        Fill(new PixelBox(box.X, box.Y, thickness, box.Height), colour);
        Fill(new PixelBox(box.Right - thickness, box.Y, thickness, box.Height), colour);
    }

    /// <summary>Blends the stamp's coverage in <paramref name="colour"/> at (x, y); returns the absolute ink box.</summary>
    public PixelBox Stamp(TextStamp stamp, int x, int y, Rgb colour)
    {
        for (var yy = 0; yy < stamp.Height; yy++)
        {
            for (var xx = 0; xx < stamp.Width; xx++)
            {
                var a = stamp.Mask[(yy * stamp.Width) + xx];
                if (a > 0 && Bounds.Contains(x + xx, y + yy))
                {
                    this[x + xx, y + yy] = Mix(this[x + xx, y + yy], colour, a / 255.0);
                }
            }
        }

        return new PixelBox(x + stamp.Ink.X, y + stamp.Ink.Y, stamp.Ink.Width, stamp.Ink.Height).Intersect(Bounds);
    }

    /// <summary>Copies an 8-bit gray image to (x, y), tinted by <paramref name="tint"/> (white for plain gray).</summary>
    public void DrawGray(GrayImage image, int x, int y, Rgb tint)
    {
        var view = image.To8BitView();
        for (var yy = 0; yy < image.Height; yy++)
        {
            for (var xx = 0; xx < image.Width; xx++)
            {
                if (Bounds.Contains(x + xx, y + yy))
                {
                    var v = view[(yy * image.Width) + xx];
                    this[x + xx, y + yy] = new Rgb((byte)(v * tint.R / 255), (byte)(v * tint.G / 255), (byte)(v * tint.B / 255));
                }
            }
        }
    }

    /// <summary>What the engine cleans: BT.601 luminance, exactly as it is computed from an RGB PNG or JPEG.</summary>
    public GrayImage Luminance()
    {
        var image = GrayImage.Create8(Width, Height);
        var dst = image.Pixels8;
        for (var i = 0; i < dst.Length; i++)
        {
            dst[i] = (byte)new Rgb(Data[3 * i], Data[(3 * i) + 1], Data[(3 * i) + 2]).Luma;
        }

        return image;
    }

    public Image ToVips() => Image.NewFromMemory(Data, Width, Height, 3, Enums.BandFormat.Uchar).Copy(interpretation: Enums.Interpretation.Srgb);

    /// <summary>A canvas of an 8-bit, 3-band libvips image.</summary>
    public static RgbCanvas FromVips(Image image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var canvas = new RgbCanvas(image.Width, image.Height);
        using var memory = image.Cast(Enums.BandFormat.Uchar);
        memory.WriteToMemory<byte>().CopyTo(canvas.Data, 0);
        return canvas;
    }

    public byte[] ToPng()
    {
        using var image = ToVips();
        return image.PngsaveBuffer();
    }

    public static Rgb Mix(Rgb a, Rgb b, double t) => new(
        (byte)Math.Round(a.R + ((b.R - a.R) * t)), (byte)Math.Round(a.G + ((b.G - a.G) * t)), (byte)Math.Round(a.B + ((b.B - a.B) * t)));
}
