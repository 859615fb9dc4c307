namespace RadAnon.Core.Pixels;

/// <summary>
/// A single-band image of 8 or 16 bits per sample, row-major without padding. 16-bit images carry the number of
/// bits actually used (<see cref="BitsStored"/>), so a 12-bit CR stays within 0..4095 after redaction.
/// </summary>
public sealed partial class GrayImage
{
    private readonly byte[]? data8;
    private readonly ushort[]? data16;

    private GrayImage(int width, int height, int bitsPerSample, int bitsStored)
    {
        if (width <= 0 || height <= 0 || (long)width * height > int.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(width), $"{width}x{height} is not a valid image size");
        }

        if (bitsStored < 1 || bitsStored > bitsPerSample)
        {
            throw new ArgumentOutOfRangeException(nameof(bitsStored), bitsStored, "1..bitsPerSample");
        }

        Width = width;
        Height = height;
        BitsPerSample = bitsPerSample;
        BitsStored = bitsStored;
        if (bitsPerSample == 8)
        {
            data8 = new byte[width * height];
        }
        else
        {
            data16 = new ushort[width * height];
        }
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>8 or 16.</summary>
    public int BitsPerSample { get; }

    public int BitsStored { get; }

    /// <summary>The largest value a sample may hold: 2^BitsStored - 1.</summary>
    public int MaxValue => (1 << BitsStored) - 1;

    public bool Is16Bit => data16 is not null;

    public static GrayImage Create8(int width, int height) => new(width, height, 8, 8);

    public static GrayImage Create16(int width, int height, int bitsStored = 16) => new(width, height, 16, bitsStored);

    /// <summary>A copy of a one-band rendered image (8 or 16 bits, 16-bit samples little-endian).</summary>
    public static GrayImage FromRendered(RenderedImage rendered)
    {
        ArgumentNullException.ThrowIfNull(rendered);
        if (rendered.Bands != 1)
        {
            throw new ArgumentException("only single-band images can be cleaned as gray; convert colour first", nameof(rendered));
        }

        if (rendered.BitsPerSample == 8)
        {
            var image8 = Create8(rendered.Width, rendered.Height);
            rendered.Data.CopyTo(image8.data8!, 0);
            return image8;
        }

        var image16 = Create16(rendered.Width, rendered.Height);
        var src = rendered.Data;
        var dst = image16.data16!;
        for (var i = 0; i < dst.Length; i++)
        {
            dst[i] = (ushort)(src[2 * i] | (src[(2 * i) + 1] << 8));
        }

        return image16;
    }

    public Span<byte> Row8(int y) => Pixels8.Slice(y * Width, Width);

    public Span<ushort> Row16(int y) => Pixels16.Slice(y * Width, Width);

    /// <summary>All samples of an 8-bit image; throws for a 16-bit one.</summary>
    public Span<byte> Pixels8 => data8 ?? throw new InvalidOperationException("this image has 16 bits per sample");

    /// <summary>All samples of a 16-bit image; throws for an 8-bit one.</summary>
    public Span<ushort> Pixels16 => data16 ?? throw new InvalidOperationException("this image has 8 bits per sample");

    public int this[int x, int y]
    {
        get => data8 is not null ? data8[(y * Width) + x] : data16![(y * Width) + x];
        set
        {
            var v = Math.Clamp(value, 0, MaxValue);
            if (data8 is not null)
            {
                data8[(y * Width) + x] = (byte)v;
            }
            else
            {
                data16![(y * Width) + x] = (ushort)v;
            }
        }
    }

    public GrayImage Clone()
    {
        var copy = new GrayImage(Width, Height, BitsPerSample, BitsStored);
        if (data8 is not null)
        {
            data8.CopyTo(copy.data8!, 0);
        }
        else
        {
            data16!.CopyTo(copy.data16!, 0);
        }

        return copy;
    }
}
