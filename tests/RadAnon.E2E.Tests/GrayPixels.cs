using NetVips;
using RadAnon.SyntheticData;

namespace RadAnon.E2E.Tests;

/// <summary>An 8-bit grey raster read with libvips (an independent decoder, not our own PNG reader).</summary>
public sealed class GrayPixels
{
    private readonly byte[] _pixels;

    private GrayPixels(int width, int height, byte[] pixels)
    {
        Width = width;
        Height = height;
        _pixels = pixels;
    }

    public int Width { get; }

    public int Height { get; }

    public byte this[int x, int y] => _pixels[(y * Width) + x];

    public static GrayPixels Decode(byte[] encoded)
    {
        using var image = Image.NewFromBuffer(encoded);
        if (image.Format != Enums.BandFormat.Uchar)
        {
            throw new InvalidDataException($"expected 8-bit samples, got {image.Format}");
        }

        // A grey image saved as RGB(A) has equal bands; the first band is the grey value.
        using var grey = image.Bands > 1 ? image.ExtractBand(0) : image.Copy();
        return new GrayPixels(grey.Width, grey.Height, grey.WriteToMemory<byte>());
    }

    /// <summary>A seeded synthetic radiograph (1024 × 1280, 8-bit) with burned-in text, as PNG bytes.</summary>
    public static byte[] SyntheticPng(int seed)
    {
        var c = RadiographGenerator.Generate(seed);
        using var image = Image.NewFromMemory(c.Image.Pixels8.ToArray(), c.Image.Width, c.Image.Height, 1, Enums.BandFormat.Uchar);
        return image.PngsaveBuffer();
    }

    /// <summary>Share of pixels inside the box that differ between two images of the same size.</summary>
    public static double ChangedFraction(GrayPixels a, GrayPixels b, Box box)
    {
        var changed = 0;
        for (var y = box.Y; y < box.Y + box.Height; y++)
        {
            for (var x = box.X; x < box.X + box.Width; x++)
            {
                if (a[x, y] != b[x, y])
                {
                    changed++;
                }
            }
        }

        return (double)changed / Math.Max(1, box.Width * box.Height);
    }
}

/// <summary>A box in image pixels.</summary>
public readonly record struct Box(int X, int Y, int Width, int Height)
{
    public Box Inflate(int by) => new(X - by, Y - by, Width + (2 * by), Height + (2 * by));

    public bool Intersects(Box o) => X < o.X + o.Width && o.X < X + Width && Y < o.Y + o.Height && o.Y < Y + Height;
}
