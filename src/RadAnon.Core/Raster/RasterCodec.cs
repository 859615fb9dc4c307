using NetVips;
using RadAnon.Core.Pixels;

namespace RadAnon.Core.Raster;

/// <summary>A decoded PNG/JPEG as one plane per band (gray, gray+alpha, RGB, RGBA), 8 or 16 bits per sample.</summary>
internal sealed record RasterPlanes(GrayImage[] Planes, int Bits)
{
    public int Width => Planes[0].Width;

    public int Height => Planes[0].Height;

    /// <summary>Colour bands (1 or 3), not counting alpha.</summary>
    public int ColorBands => Planes.Length >= 3 ? 3 : 1;

    /// <summary>What text detection looks at: the gray band, or BT.601 luminance of RGB at the same depth.</summary>
    public GrayImage Luminance()
    {
        if (ColorBands == 1)
        {
            return Planes[0];
        }

        var image = Bits == 8 ? GrayImage.Create8(Width, Height) : GrayImage.Create16(Width, Height);
        for (var y = 0; y < Height; y++)
        {
            for (var x = 0; x < Width; x++)
            {
                image[x, y] = ((299 * Planes[0][x, y]) + (587 * Planes[1][x, y]) + (114 * Planes[2][x, y]) + 500) / 1000;
            }
        }

        return image;
    }
}

/// <summary>PNG/JPEG pixels in and out through NetVips; outputs carry no metadata at all.</summary>
internal static class RasterCodec
{
    /// <summary>Decodes fully (a corrupt body fails here), to 8 or 16-bit gray/RGB with optional alpha.</summary>
    public static RasterPlanes Decode(Image loaded, bool dropAlpha, int? bits)
    {
        try
        {
            var image = loaded;
            var owned = new List<Image>();
            Image Step(Image next)
            {
                owned.Add(next);
                return next;
            }

            try
            {
                if (image.Interpretation is Enums.Interpretation.Cmyk or Enums.Interpretation.Lab or Enums.Interpretation.Labs)
                {
                    image = Step(image.Colourspace(Enums.Interpretation.Srgb));
                }

                if (dropAlpha && image.HasAlpha())
                {
                    image = Step(image.Flatten());
                }

                var sixteen = bits is 16 || (bits is null && image.Format is Enums.BandFormat.Ushort or Enums.BandFormat.Short or Enums.BandFormat.Uint or Enums.BandFormat.Int);
                var target = sixteen ? Enums.BandFormat.Ushort : Enums.BandFormat.Uchar;
                if (image.Format != target)
                {
                    var from16 = image.Format is Enums.BandFormat.Ushort or Enums.BandFormat.Short;
                    image = from16 && !sixteen ? Step(image.Linear([1.0 / 257], [0.0]).Cast(target))
                        : !from16 && sixteen && image.Format == Enums.BandFormat.Uchar ? Step(image.Linear([257.0], [0.0]).Cast(target))
                        : Step(image.Cast(target));
                }

                using var memory = image.CopyMemory();
                var bands = memory.Bands;
                if (bands is not (1 or 2 or 3 or 4))
                {
                    throw new InvalidImageException($"an image with {bands} bands is not gray, gray+alpha, RGB or RGBA");
                }

                var w = memory.Width;
                var h = memory.Height;
                var planes = new GrayImage[bands];
                if (sixteen)
                {
                    var data = memory.WriteToMemory<ushort>();
                    for (var b = 0; b < bands; b++)
                    {
                        var plane = GrayImage.Create16(w, h);
                        var dst = plane.Pixels16;
                        for (var i = 0; i < dst.Length; i++)
                        {
                            dst[i] = data[(i * bands) + b];
                        }

                        planes[b] = plane;
                    }
                }
                else
                {
                    var data = memory.WriteToMemory<byte>();
                    for (var b = 0; b < bands; b++)
                    {
                        var plane = GrayImage.Create8(w, h);
                        var dst = plane.Pixels8;
                        for (var i = 0; i < dst.Length; i++)
                        {
                            dst[i] = data[(i * bands) + b];
                        }

                        planes[b] = plane;
                    }
                }

                return new RasterPlanes(planes, sixteen ? 16 : 8);
            }
            finally
            {
                owned.ForEach(i => i.Dispose());
            }
        }
        catch (VipsException ex)
        {
            throw new InvalidImageException("cannot decode the image pixels", ex);
        }
    }

    /// <summary>Encodes planes as PNG (bit depth kept) or JPEG (8-bit, no chroma subsampling) with no metadata.</summary>
    public static byte[] Encode(RasterPlanes raster, RasterFormat format, int quality)
    {
        var bands = raster.Planes.Length;
        var pixels = raster.Width * raster.Height;
        Image image;
        if (raster.Bits == 16)
        {
            var data = new ushort[pixels * bands];
            for (var b = 0; b < bands; b++)
            {
                var src = raster.Planes[b].Pixels16;
                for (var i = 0; i < pixels; i++)
                {
                    data[(i * bands) + b] = src[i];
                }
            }

            image = Image.NewFromMemory(data, raster.Width, raster.Height, bands, Enums.BandFormat.Ushort);
        }
        else
        {
            var data = new byte[pixels * bands];
            for (var b = 0; b < bands; b++)
            {
                var src = raster.Planes[b].Pixels8;
                for (var i = 0; i < pixels; i++)
                {
                    data[(i * bands) + b] = src[i];
                }
            }

            image = Image.NewFromMemory(data, raster.Width, raster.Height, bands, Enums.BandFormat.Uchar);
        }

        using (image)
        {
            return Save(image, raster.Bits, bands >= 3, format, quality);
        }
    }

    /// <summary>A display rendering (DICOM export) as PNG or JPEG.</summary>
    public static byte[] EncodeRendered(RenderedImage rendered, RasterFormat format, int quality)
    {
        using var image = FromRendered(rendered);
        return Save(image, rendered.BitsPerSample, rendered.Bands == 3, format, quality);
    }

    /// <summary>An 8-bit PNG preview with its long side at most <paramref name="maxSize"/>, and the scale used.</summary>
    public static (byte[] Png, double Scale) Preview(RenderedImage rendered, int maxSize)
    {
        using var image = FromRendered(rendered);
        using var divided = rendered.BitsPerSample == 16 ? image.Linear([1.0 / 257], [0.0]) : image.Copy();
        using var eight = divided.Cast(Enums.BandFormat.Uchar).Copy(interpretation: rendered.Bands == 3 ? Enums.Interpretation.Srgb : Enums.Interpretation.Bw);
        var scale = Math.Min(1.0, maxSize / (double)Math.Max(rendered.Width, rendered.Height));
        using var small = scale < 1 ? eight.Resize(scale) : eight.Copy();
        return (small.PngsaveBuffer(compression: 6, keep: Enums.ForeignKeep.None), scale);
    }

    public static RenderedImage ToRendered(RasterPlanes raster)
    {
        var bands = raster.ColorBands;
        var step = raster.Bits / 8;
        var pixels = raster.Width * raster.Height;
        var data = new byte[pixels * bands * step];
        for (var b = 0; b < bands; b++)
        {
            var plane = raster.Planes[b];
            for (var i = 0; i < pixels; i++)
            {
                var v = plane[i % raster.Width, i / raster.Width];
                var at = ((i * bands) + b) * step;
                data[at] = (byte)v;
                if (step == 2)
                {
                    data[at + 1] = (byte)(v >> 8);
                }
            }
        }

        return new RenderedImage(raster.Width, raster.Height, bands, raster.Bits, data);
    }

    private static Image FromRendered(RenderedImage rendered)
    {
        if (rendered.BitsPerSample == 16)
        {
            var samples = new ushort[rendered.Data.Length / 2];
            for (var i = 0; i < samples.Length; i++)
            {
                samples[i] = (ushort)(rendered.Data[2 * i] | (rendered.Data[(2 * i) + 1] << 8));
            }

            return Image.NewFromMemory(samples, rendered.Width, rendered.Height, rendered.Bands, Enums.BandFormat.Ushort);
        }

        return Image.NewFromMemory(rendered.Data, rendered.Width, rendered.Height, rendered.Bands, Enums.BandFormat.Uchar);
    }

    private static byte[] Save(Image image, int bits, bool color, RasterFormat format, int quality)
    {
        var interpretation = (bits, color) switch
        {
            (16, true) => Enums.Interpretation.Rgb16,
            (16, false) => Enums.Interpretation.Grey16,
            (_, true) => Enums.Interpretation.Srgb,
            _ => Enums.Interpretation.Bw,
        };
        using var tagged = image.Copy(interpretation: interpretation);
        if (format == RasterFormat.Png)
        {
            return tagged.PngsaveBuffer(compression: 6, keep: Enums.ForeignKeep.None);
        }

        var eightBit = color ? Enums.Interpretation.Srgb : Enums.Interpretation.Bw;
        using var divided = bits == 16 ? tagged.Linear([1.0 / 257], [0.0]) : tagged.Copy();
        using var eight = divided.Cast(Enums.BandFormat.Uchar).Copy(interpretation: eightBit);
        using var opaque = eight.HasAlpha() ? eight.Flatten() : eight.Copy();
        return opaque.JpegsaveBuffer(q: quality, keep: Enums.ForeignKeep.None, subsampleMode: Enums.ForeignSubsample.Off);
    }
}
