using RadAnon.Dicom;
using RadAnon.Dicom.Data;
using RadAnon.Dicom.Pixels;

namespace RadAnon.Core.Pixels;

/// <summary>
/// Renders stored DICOM pixel values for display, in the order PS3.4 N.2 gives: Modality LUT (rescale or
/// LUT sequence), VOI (window or VOI LUT sequence; min/max of the frame when the file has neither), then
/// MONOCHROME1 inversion, then 8 or 16 bits. Colour (RGB, YBR, palette) becomes RGB.
/// </summary>
public static class DisplayRenderer
{
    public static RenderedImage Render(DicomDataset dataset, PixelFrame frame, int outputBits = 8)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(frame);
        if (outputBits is not (8 or 16))
        {
            throw new ArgumentOutOfRangeException(nameof(outputBits), outputBits, "8 or 16");
        }

        return frame.PhotometricInterpretation switch
        {
            "MONOCHROME1" or "MONOCHROME2" => RenderGray(dataset, frame, outputBits, frame.PhotometricInterpretation == "MONOCHROME1"),
            "PALETTE COLOR" => ColorRenderer.RenderPalette(dataset, frame, outputBits),
            _ => ColorRenderer.RenderColor(frame, outputBits),
        };
    }

    private static RenderedImage RenderGray(DicomDataset dataset, PixelFrame frame, int outputBits, bool invert)
    {
        var pixels = (int)frame.Description.PixelsPerFrame;
        var (min, max) = StoredRange(frame, pixels);
        var modality = ModalityTransform.For(dataset, frame.Description.IsSigned);
        var voi = VoiTransform.For(dataset, modality.Apply(min), modality.Apply(max), frame.Description.IsSigned);
        var outMax = (1 << outputBits) - 1;

        // One table entry per stored value in the frame's range: the transforms run once per value, not per pixel.
        var span = max - min + 1;
        var table = new ushort[span];
        for (long s = 0; s < span; s++)
        {
            var y = voi.Apply(modality.Apply(min + s));
            var v = Math.Clamp(y * outMax, 0, outMax);
            table[s] = (ushort)Math.Round(invert ? outMax - v : v);
        }

        var output = new byte[(long)pixels * (outputBits / 8)];
        for (var i = 0; i < pixels; i++)
        {
            var value = table[Sample(frame, i) - min];
            if (outputBits == 8)
            {
                output[i] = (byte)value;
            }
            else
            {
                output[i * 2] = (byte)value;
                output[(i * 2) + 1] = (byte)(value >> 8);
            }
        }

        return new RenderedImage(frame.Columns, frame.Rows, 1, outputBits, output);
    }

    private static (long Min, long Max) StoredRange(PixelFrame frame, int pixels)
    {
        long min = long.MaxValue, max = long.MinValue;
        for (var i = 0; i < pixels; i++)
        {
            var v = Sample(frame, i);
            min = Math.Min(min, v);
            max = Math.Max(max, v);
        }

        if (max - min > 1 << 20)
        {
            throw new UnsupportedPixelDataException($"stored values span {max - min + 1} levels; at most 2^20 can be rendered");
        }

        return (min, max);
    }

    internal static long Sample(PixelFrame frame, int index)
    {
        var columns = frame.Columns;
        return frame.GetSample(index % columns, index / columns);
    }
}
