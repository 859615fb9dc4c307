using System.Buffers.Binary;
using RadAnon.Dicom;
using RadAnon.Dicom.Data;
using RadAnon.Dicom.Pixels;

namespace RadAnon.Core.Pixels;

/// <summary>
/// A decoded DICOM frame as one <see cref="GrayImage"/> per sample (R, G, B or Y, Cb, Cr, or the single gray or
/// palette-index plane), and back. Signed samples are biased by 2^(BitsStored-1) so they fit unsigned planes; the
/// bias is removed on the way back, so untouched pixels come back bit for bit.
/// </summary>
internal sealed class FramePlanes
{
    private FramePlanes(PixelDescription description, string photometric, GrayImage[] planes, int bias)
    {
        Description = description;
        PhotometricInterpretation = photometric;
        Planes = planes;
        Bias = bias;
    }

    public PixelDescription Description { get; }

    public string PhotometricInterpretation { get; }

    public GrayImage[] Planes { get; }

    public int Bias { get; }

    public bool IsMonochrome => PhotometricInterpretation is "MONOCHROME1" or "MONOCHROME2";

    public static FramePlanes Split(PixelFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var d = frame.Description;
        if (d.BitsAllocated is 1 || d.BytesPerSample > 2)
        {
            throw new UnsupportedPixelDataException($"BitsAllocated {d.BitsAllocated} pixel data cannot be cleaned; only 8 and 16-bit samples can");
        }

        var bitsStored = Math.Min(d.BitsStored, d.BytesPerSample * 8);
        var bias = d.IsSigned ? 1 << (bitsStored - 1) : 0;
        var samples = frame.SamplesPerPixel;
        var planes = new GrayImage[samples];
        var bytes = frame.Bytes;
        var pixels = (int)d.PixelsPerFrame;
        for (var s = 0; s < samples; s++)
        {
            if (d.BytesPerSample == 1)
            {
                var plane = GrayImage.Create8(d.Columns, d.Rows);
                var dst = plane.Pixels8;
                for (var i = 0; i < pixels; i++)
                {
                    var v = bytes[(i * samples) + s];
                    dst[i] = (byte)(d.IsSigned ? (sbyte)v + bias : v);
                }

                planes[s] = plane;
            }
            else
            {
                var plane = GrayImage.Create16(d.Columns, d.Rows, bitsStored);
                var dst = plane.Pixels16;
                var mask = (1 << bitsStored) - 1;
                for (var i = 0; i < pixels; i++)
                {
                    var raw = BinaryPrimitives.ReadUInt16LittleEndian(bytes.Slice(((i * samples) + s) * 2, 2));
                    dst[i] = (ushort)((d.IsSigned ? (short)raw + bias : raw) & mask);
                }

                planes[s] = plane;
            }
        }

        return new FramePlanes(d, frame.PhotometricInterpretation, planes, bias);
    }

    /// <summary>The planes back as a decoded frame: colour-by-pixel, little-endian, signed samples sign-extended.</summary>
    public byte[] Join()
    {
        var d = Description;
        var samples = Planes.Length;
        var pixels = (int)d.PixelsPerFrame;
        var output = new byte[d.DecodedFrameLength];
        for (var s = 0; s < samples; s++)
        {
            var plane = Planes[s];
            for (var i = 0; i < pixels; i++)
            {
                var at = (i * samples) + s;
                if (d.BytesPerSample == 1)
                {
                    output[at] = (byte)(plane.Pixels8[i] - Bias);
                }
                else
                {
                    BinaryPrimitives.WriteInt16LittleEndian(output.AsSpan(at * 2, 2), unchecked((short)(plane.Pixels16[i] - Bias)));
                }
            }
        }

        return output;
    }

    /// <summary>The frame for <see cref="DisplayRenderer"/> after cleaning.</summary>
    public PixelFrame ToFrame() => new(Description, PhotometricInterpretation, Join());

    /// <summary>
    /// The display rendering of a monochrome plane as an 8-bit view (Modality LUT, VOI, MONOCHROME1 inversion), via one
    /// table over the plane's value range; the default VOI (no window in the file) uses this frame's stored range.
    /// </summary>
    public Func<GrayImage, byte[]> DisplayView(DicomDataset dataset)
    {
        var (levels, _, _) = DisplayLevels(dataset);
        var invert = PhotometricInterpretation == "MONOCHROME1";
        var table = new byte[levels.Length];
        for (var v = 0; v < table.Length; v++)
        {
            var y = levels[v] * 255;
            table[v] = (byte)Math.Round(invert ? 255 - y : y);
        }
        return image =>
        {
            var view = new byte[image.Width * image.Height];
            if (image.Is16Bit)
            {
                var src = image.Pixels16;
                for (var i = 0; i < view.Length; i++)
                {
                    view[i] = table[Math.Min(src[i], table.Length - 1)];
                }
            }
            else
            {
                var src = image.Pixels8;
                for (var i = 0; i < view.Length; i++)
                {
                    view[i] = table[Math.Min(src[i], table.Length - 1)];
                }
            }

            return view;
        };
    }

    /// <summary>
    /// The plane-0 value (bias included) that displays brightest through the Modality LUT, VOI and MONOCHROME1
    /// inversion: among the values that reach the top display level, the one nearest this frame's own range, so a
    /// default window (the frame's minimum..maximum) stays as it was. White as displayed, whichever way the data runs.
    /// </summary>
    public int BrightestDisplayedValue(DicomDataset dataset)
    {
        var (levels, min, max) = DisplayLevels(dataset);
        if (PhotometricInterpretation == "MONOCHROME1")
        {
            levels = [.. levels.Select(y => 1 - y)];
        }

        var top = levels.Max();
        var best = -1;
        long bestScore = long.MaxValue;
        for (var v = 0; v < levels.Length; v++)
        {
            if (levels[v] < top)
            {
                continue;
            }

            // Outside the range costs its distance; inside, the value nearer an end of the range wins.
            long score = v < min ? (min - v) * 2L * levels.Length : v > max ? (v - max) * 2L * levels.Length : -Math.Abs((2L * v) - min - max);
            if (score < bestScore)
            {
                (best, bestScore) = (v, score);
            }
        }

        return best;
    }

    /// <summary>Display level 0..1 (before MONOCHROME1 inversion) of every plane-0 value, and this frame's minimum and maximum.</summary>
    private (double[] Levels, int Min, int Max) DisplayLevels(DicomDataset dataset)
    {
        var plane = Planes[0];
        var modality = ModalityTransform.For(dataset, Description.IsSigned);
        int min = int.MaxValue, max = int.MinValue;
        for (var y = 0; y < plane.Height; y++)
        {
            for (var x = 0; x < plane.Width; x++)
            {
                var v = plane[x, y];
                min = Math.Min(min, v);
                max = Math.Max(max, v);
            }
        }

        var voi = VoiTransform.For(dataset, modality.Apply(min - Bias), modality.Apply(max - Bias), Description.IsSigned);
        var levels = new double[plane.MaxValue + 1];
        for (var v = 0; v < levels.Length; v++)
        {
            levels[v] = Math.Clamp(voi.Apply(modality.Apply(v - Bias)), 0, 1);
        }

        return (levels, min, max);
    }

    /// <summary>8-bit luminance (BT.601) of a display rendering, for detecting text in colour images.</summary>
    public static GrayImage Luminance(RenderedImage rgb)
    {
        var image = GrayImage.Create8(rgb.Width, rgb.Height);
        var dst = image.Pixels8;
        var src = rgb.Data;
        var step = rgb.BitsPerSample / 8;
        for (var i = 0; i < dst.Length; i++)
        {
            // 8-bit renderings read each sample directly; 16-bit ones read the high byte.
            var o = i * 3 * step;
            int r = src[o + step - 1], g = src[o + (2 * step) - 1], b = src[o + (3 * step) - 1];
            dst[i] = (byte)(((299 * r) + (587 * g) + (114 * b) + 500) / 1000);
        }

        return image;
    }
}
