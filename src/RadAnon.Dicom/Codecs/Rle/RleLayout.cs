using RadAnon.Dicom.Pixels;

namespace RadAnon.Dicom.Codecs.Rle;

/// <summary>
/// Where each RLE segment's bytes go (PS3.5 G.2): one segment per byte of each sample, samples in order
/// and, within a sample, the most significant byte first. Decoded frames are little-endian and
/// colour-by-pixel, so segment (s, b) fills byte <c>bytesPerSample - 1 - b</c> of every sample s.
/// </summary>
internal readonly record struct RleLayout(int Samples, int BytesPerSample, long Pixels)
{
    /// <summary>PS3.5 G.3.1 allows at most 15 segments in the 64-byte header.</summary>
    public const int MaxSegments = 15;

    public const int HeaderLength = 64;

    public int Segments => Samples * BytesPerSample;

    public static RleLayout For(PixelDescription description)
    {
        if (description.BitsAllocated is not (8 or 16 or 32))
        {
            throw new UnsupportedPixelDataException($"RLE Lossless with BitsAllocated {description.BitsAllocated} is not supported (8, 16 or 32)");
        }

        var layout = new RleLayout(description.SamplesPerPixel, description.BytesPerSample, description.PixelsPerFrame);
        if (layout.Segments > MaxSegments)
        {
            throw new UnsupportedPixelDataException($"RLE Lossless needs {layout.Segments} segments for this image; at most {MaxSegments} fit the header");
        }

        return layout;
    }

    /// <summary>The byte offset within a pixel, in the decoded little-endian layout, that segment <paramref name="segment"/> fills.</summary>
    public int ByteWithinPixel(int segment)
    {
        var sample = segment / BytesPerSample;
        var significance = segment % BytesPerSample;
        return (sample * BytesPerSample) + (BytesPerSample - 1 - significance);
    }

    public int PixelStride => Samples * BytesPerSample;
}
