using RadAnon.Dicom;
using RadAnon.Dicom.Data;
using RadAnon.Dicom.Pixels;

namespace RadAnon.Core.Pixels;

/// <summary>RGB, YBR_FULL (and expanded 422) and PALETTE COLOR to RGB for display.</summary>
internal static class ColorRenderer
{
    public static RenderedImage RenderColor(PixelFrame frame, int outputBits)
    {
        if (frame.SamplesPerPixel != 3)
        {
            throw new UnsupportedPixelDataException($"{frame.PhotometricInterpretation} with {frame.SamplesPerPixel} samples per pixel cannot be rendered");
        }

        var ybr = frame.PhotometricInterpretation.StartsWith("YBR", StringComparison.Ordinal);
        var inMax = (1 << frame.Description.BitsStored) - 1;
        var outMax = (1 << outputBits) - 1;
        var pixels = (int)frame.Description.PixelsPerFrame;
        var output = new byte[(long)pixels * 3 * (outputBits / 8)];
        for (var i = 0; i < pixels; i++)
        {
            var x = i % frame.Columns;
            var y = i / frame.Columns;
            double r = frame.GetSample(x, y, 0), g = frame.GetSample(x, y, 1), b = frame.GetSample(x, y, 2);
            if (ybr)
            {
                // PS3.3 C.7.6.3.1.2 YBR_FULL to RGB.
                var half = (inMax + 1) / 2.0;
                (r, g, b) = (r + (1.402 * (b - half)), r - (0.344136 * (g - half)) - (0.714136 * (b - half)), r + (1.772 * (g - half)));
            }

            Write(output, i * 3, r / inMax * outMax, outMax, outputBits);
            Write(output, (i * 3) + 1, g / inMax * outMax, outMax, outputBits);
            Write(output, (i * 3) + 2, b / inMax * outMax, outMax, outputBits);
        }

        return new RenderedImage(frame.Columns, frame.Rows, 3, outputBits, output);
    }

    public static RenderedImage RenderPalette(DicomDataset dataset, PixelFrame frame, int outputBits)
    {
        var red = Palette(dataset, DicomTags.RedPaletteColorLookupTableDescriptor, DicomTags.RedPaletteColorLookupTableData, DicomTags.SegmentedRedPaletteColorLookupTableData);
        var green = Palette(dataset, DicomTags.GreenPaletteColorLookupTableDescriptor, DicomTags.GreenPaletteColorLookupTableData, DicomTags.SegmentedGreenPaletteColorLookupTableData);
        var blue = Palette(dataset, DicomTags.BluePaletteColorLookupTableDescriptor, DicomTags.BluePaletteColorLookupTableData, DicomTags.SegmentedBluePaletteColorLookupTableData);
        if (red is null || green is null || blue is null)
        {
            throw new UnsupportedPixelDataException("PALETTE COLOR without a palette LUT (plain or segmented) for each of red, green and blue");
        }

        var outMax = (1 << outputBits) - 1;
        var pixels = (int)frame.Description.PixelsPerFrame;
        var output = new byte[(long)pixels * 3 * (outputBits / 8)];
        for (var i = 0; i < pixels; i++)
        {
            var index = DisplayRenderer.Sample(frame, i);
            Write(output, i * 3, red.Map(index) / red.MaxOutput * outMax, outMax, outputBits);
            Write(output, (i * 3) + 1, green.Map(index) / green.MaxOutput * outMax, outMax, outputBits);
            Write(output, (i * 3) + 2, blue.Map(index) / blue.MaxOutput * outMax, outMax, outputBits);
        }

        return new RenderedImage(frame.Columns, frame.Rows, 3, outputBits, output);
    }

    private static LookupTable? Palette(DicomDataset dataset, DicomTag descriptor, DicomTag data, DicomTag segmented) =>
        LookupTable.Read(dataset, descriptor, data, false) ?? LookupTable.ReadSegmented(dataset, descriptor, segmented);

    private static void Write(byte[] output, int sampleIndex, double value, int outMax, int outputBits)
    {
        var v = (ushort)Math.Round(Math.Clamp(value, 0, outMax));
        if (outputBits == 8)
        {
            output[sampleIndex] = (byte)v;
        }
        else
        {
            output[sampleIndex * 2] = (byte)v;
            output[(sampleIndex * 2) + 1] = (byte)(v >> 8);
        }
    }
}
