using RadAnon.Dicom.Codecs;
using RadAnon.Dicom.Data;

namespace RadAnon.Dicom.Pixels;

/// <summary>Decodes frames of a file's pixel data, native or encapsulated, into <see cref="PixelFrame"/>s.</summary>
public sealed class PixelDataDecoder
{
    private readonly DicomDataset _dataset;
    private readonly TransferSyntax _syntax;
    private readonly DicomElement _pixelData;

    public PixelDataDecoder(DicomFile file)
        : this((file ?? throw new ArgumentNullException(nameof(file))).Dataset, file.TransferSyntax)
    {
    }

    public PixelDataDecoder(DicomDataset dataset, TransferSyntax syntax)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(syntax);
        _dataset = dataset;
        _syntax = syntax;
        if (dataset.Contains(DicomTags.FloatPixelData) || dataset.Contains(DicomTags.DoubleFloatPixelData))
        {
            throw new UnsupportedPixelDataException("float and double-float pixel data are not supported");
        }

        _pixelData = dataset[DicomTags.PixelData] ?? throw new InvalidDicomException("the dataset has no pixel data (7FE0,0010)", -1);
        Description = PixelDescription.FromDataset(dataset);
        if (Description.BitsAllocated > 16 && Description.BitsAllocated != 32)
        {
            throw new UnsupportedPixelDataException($"BitsAllocated {Description.BitsAllocated} is not supported");
        }
    }

    public PixelDescription Description { get; }

    public int NumberOfFrames => Description.NumberOfFrames;

    public PixelFrame DecodeFrame(int frameIndex)
    {
        var (data, photometric, native) = DecodeUnmasked(frameIndex);
        StoredValueMask.Apply(data, Description, honourHighBit: native);
        return new PixelFrame(Description, photometric, data);
    }

    /// <summary>
    /// The bits of frame <paramref name="frameIndex"/> outside the stored ones, which <see cref="DecodeFrame"/> masks away:
    /// where overlay planes of files from before 2004 live (Overlay Bit Position). One word per pixel, the stored bits
    /// cleared; single-sample images of 8 or 16 bits allocated only.
    /// </summary>
    public ushort[] DecodeUnusedBits(int frameIndex)
    {
        if (Description.SamplesPerPixel != 1 || Description.BitsAllocated is not (8 or 16))
        {
            throw new UnsupportedPixelDataException(
                $"unused pixel bits are read from single-sample 8 or 16-bit images; this one has {Description.SamplesPerPixel} samples of {Description.BitsAllocated} bits");
        }

        var (data, _, native) = DecodeUnmasked(frameIndex);
        var shift = native ? Description.HighBit - Description.BitsStored + 1 : 0;
        var stored = (((1 << Description.BitsStored) - 1) << shift) & 0xFFFF;
        var pixels = (int)Description.PixelsPerFrame;
        var words = new ushort[pixels];
        for (var i = 0; i < pixels; i++)
        {
            var word = Description.BitsAllocated == 8 ? data[i] : data[2 * i] | (data[(2 * i) + 1] << 8);
            words[i] = (ushort)(word & ~stored);
        }

        return words;
    }

    private (byte[] Data, string Photometric, bool Native) DecodeUnmasked(int frameIndex)
    {
        if (frameIndex < 0 || frameIndex >= NumberOfFrames)
        {
            throw new ArgumentOutOfRangeException(nameof(frameIndex), frameIndex, $"the image has {NumberOfFrames} frames");
        }

        switch (_pixelData)
        {
            case DicomValueElement native:
                var (data, photometric) = NativeFrameReader.Read(native.Data.Span, Description, frameIndex);
                return (data, photometric, true);
            case DicomFragments fragments:
                // Native frames are bounded by the pixel data's length; an encapsulated frame's size comes from Rows and
                // Columns alone (16-bit each, so up to 32 GB), and one buffer holds at most Array.MaxLength bytes.
                if (Description.DecodedFrameLength > Array.MaxLength)
                {
                    throw new UnsupportedPixelDataException(
                        $"a {Description.Columns}x{Description.Rows} frame of {Description.SamplesPerPixel} samples decodes to {Description.DecodedFrameLength} bytes, more than one buffer holds ({Array.MaxLength})");
                }

                var decoder = FrameCodecs.GetDecoder(_syntax);
                var encoded = FrameLocator.GetFrame(_dataset, fragments, frameIndex, NumberOfFrames);
                var output = new byte[Description.DecodedFrameLength];
                var decodedPhotometric = decoder.Decode(encoded.Span, Description, output);
                return (output, decodedPhotometric, false);
            default:
                throw new InvalidDicomException("pixel data (7FE0,0010) is a sequence, not pixel values", -1);
        }
    }
}
