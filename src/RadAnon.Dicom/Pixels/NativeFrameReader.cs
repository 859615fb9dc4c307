namespace RadAnon.Dicom.Pixels;

/// <summary>
/// Cuts one frame out of native (uncompressed) pixel data and lays it out colour-by-pixel: unpacks 1-bit
/// data, interleaves planar data and expands YBR_FULL_422's shared chroma to three samples per pixel.
/// </summary>
internal static class NativeFrameReader
{
    public static (byte[] Data, string Photometric) Read(ReadOnlySpan<byte> pixelData, PixelDescription d, int frameIndex)
    {
        if (d.BitsAllocated == 1)
        {
            return (UnpackBits(pixelData, d, frameIndex), d.PhotometricInterpretation);
        }

        if (d.PhotometricInterpretation == "YBR_FULL_422" && d.SamplesPerPixel == 3 && d.BitsAllocated == 8)
        {
            return (Expand422(pixelData, d, frameIndex), "YBR_FULL");
        }

        var frameBytes = d.DecodedFrameLength;
        var start = frameBytes * frameIndex;
        if (start + frameBytes > pixelData.Length)
        {
            throw new InvalidDicomException($"native pixel data has {pixelData.Length} bytes; frame {frameIndex} needs bytes up to {start + frameBytes}", -1);
        }

        var source = pixelData.Slice((int)start, (int)frameBytes);
        var output = new byte[frameBytes];
        if (d.SamplesPerPixel > 1 && d.PlanarConfiguration == 1)
        {
            Interleave(source, output, d);
        }
        else
        {
            source.CopyTo(output);
        }

        return (output, d.PhotometricInterpretation);
    }

    /// <summary>Planar (colour-by-plane) samples to colour-by-pixel; also used by codecs whose library returns planes.</summary>
    internal static void Interleave(ReadOnlySpan<byte> planar, Span<byte> output, PixelDescription d)
    {
        var bps = d.BytesPerSample;
        var pixels = (int)d.PixelsPerFrame;
        var samples = d.SamplesPerPixel;
        for (var s = 0; s < samples; s++)
        {
            var plane = planar.Slice(s * pixels * bps, pixels * bps);
            for (var p = 0; p < pixels; p++)
            {
                plane.Slice(p * bps, bps).CopyTo(output.Slice(((p * samples) + s) * bps, bps));
            }
        }
    }

    /// <summary>1-bit data packs pixels LSB first, and frames need not start on a byte boundary (PS3.5 8.1.1).</summary>
    private static byte[] UnpackBits(ReadOnlySpan<byte> pixelData, PixelDescription d, int frameIndex)
    {
        var bits = d.NativeFrameBits;
        var firstBit = bits * frameIndex;
        if ((firstBit + bits + 7) / 8 > pixelData.Length)
        {
            throw new InvalidDicomException($"native 1-bit pixel data has {pixelData.Length} bytes; frame {frameIndex} needs {(firstBit + bits + 7) / 8}", -1);
        }

        var output = new byte[bits];
        for (long i = 0; i < bits; i++)
        {
            var bit = firstBit + i;
            output[i] = (byte)((pixelData[(int)(bit >> 3)] >> (int)(bit & 7)) & 1);
        }

        return output;
    }

    /// <summary>YBR_FULL_422 stores Y1 Y2 Cb Cr for each pair of pixels; both pixels take the pair's chroma.</summary>
    private static byte[] Expand422(ReadOnlySpan<byte> pixelData, PixelDescription d, int frameIndex)
    {
        var columnsEven = d.Columns + (d.Columns & 1);
        var frameBytes = (long)d.Rows * columnsEven * 2;
        var start = frameBytes * frameIndex;
        if (start + frameBytes > pixelData.Length)
        {
            throw new InvalidDicomException($"YBR_FULL_422 pixel data has {pixelData.Length} bytes; frame {frameIndex} needs bytes up to {start + frameBytes}", -1);
        }

        var source = pixelData.Slice((int)start, (int)frameBytes);
        var output = new byte[d.DecodedFrameLength];
        var o = 0;
        for (var y = 0; y < d.Rows; y++)
        {
            var row = source.Slice(y * columnsEven * 2, columnsEven * 2);
            for (var x = 0; x < d.Columns; x++)
            {
                var pair = row.Slice((x >> 1) * 4, 4);
                output[o++] = pair[x & 1];
                output[o++] = pair[2];
                output[o++] = pair[3];
            }
        }

        return output;
    }
}
