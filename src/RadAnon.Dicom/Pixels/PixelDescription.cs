using RadAnon.Dicom.Data;

namespace RadAnon.Dicom.Pixels;

/// <summary>The Image Pixel module attributes that say how stored pixel values are laid out (PS3.3 C.7.6.3).</summary>
public sealed record PixelDescription
{
    public required int Rows { get; init; }

    public required int Columns { get; init; }

    public int SamplesPerPixel { get; init; } = 1;

    public required int BitsAllocated { get; init; }

    public required int BitsStored { get; init; }

    public required int HighBit { get; init; }

    /// <summary>0 unsigned, 1 two's complement.</summary>
    public int PixelRepresentation { get; init; }

    /// <summary>0 colour-by-pixel (R1G1B1R2...), 1 colour-by-plane (RRR...GGG...BBB).</summary>
    public int PlanarConfiguration { get; init; }

    public string PhotometricInterpretation { get; init; } = "MONOCHROME2";

    public int NumberOfFrames { get; init; } = 1;

    public bool IsSigned => PixelRepresentation == 1;

    /// <summary>Bytes per sample in a decoded buffer: 1, 2 or 4 (1-bit data is unpacked to bytes).</summary>
    public int BytesPerSample => BitsAllocated <= 8 ? 1 : BitsAllocated <= 16 ? 2 : 4;

    public long PixelsPerFrame => (long)Rows * Columns;

    /// <summary>Bytes of one decoded frame, colour-by-pixel, BytesPerSample per sample.</summary>
    public long DecodedFrameLength => PixelsPerFrame * SamplesPerPixel * BytesPerSample;

    /// <summary>Bytes of one frame as stored natively (bit-packed for BitsAllocated 1).</summary>
    public long NativeFrameBits => PixelsPerFrame * SamplesPerPixel * BitsAllocated;

    /// <summary>Reads the description from a dataset; throws <see cref="InvalidDicomException"/> when it is incoherent.</summary>
    public static PixelDescription FromDataset(DicomDataset dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        int Read(DicomTag tag, int fallback) => dataset.TryGet<int>(tag, out var v) ? v : fallback;
        var bitsAllocated = Read(DicomTags.BitsAllocated, 0);
        var description = new PixelDescription
        {
            Rows = Read(DicomTags.Rows, 0),
            Columns = Read(DicomTags.Columns, 0),
            SamplesPerPixel = Read(DicomTags.SamplesPerPixel, 1),
            BitsAllocated = bitsAllocated,
            BitsStored = Read(DicomTags.BitsStored, bitsAllocated),
            HighBit = Read(DicomTags.HighBit, Read(DicomTags.BitsStored, bitsAllocated) - 1),
            PixelRepresentation = Read(DicomTags.PixelRepresentation, 0),
            PlanarConfiguration = Read(DicomTags.PlanarConfiguration, 0),
            PhotometricInterpretation = dataset.GetString(DicomTags.PhotometricInterpretation) ?? "MONOCHROME2",
            NumberOfFrames = Math.Max(1, Read(DicomTags.NumberOfFrames, 1)),
        };
        description.Validate();
        return description;
    }

    public void Validate()
    {
        if (Rows <= 0 || Columns <= 0)
        {
            throw new InvalidDicomException($"image has {Rows} rows and {Columns} columns; both must be positive", -1);
        }

        if (BitsAllocated is not (1 or 8 or 16 or 32) && !(BitsAllocated > 8 && BitsAllocated % 8 == 0 && BitsAllocated <= 32))
        {
            throw new InvalidDicomException($"BitsAllocated {BitsAllocated} is not 1, 8, 16 or 32", -1);
        }

        if (BitsStored < 1 || BitsStored > BitsAllocated || HighBit < BitsStored - 1 || HighBit >= BitsAllocated)
        {
            throw new InvalidDicomException($"BitsStored {BitsStored} and HighBit {HighBit} do not fit BitsAllocated {BitsAllocated}", -1);
        }

        if (SamplesPerPixel is not (1 or 3 or 4))
        {
            throw new InvalidDicomException($"SamplesPerPixel {SamplesPerPixel} is not 1, 3 or 4", -1);
        }
    }
}
