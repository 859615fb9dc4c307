using System.Buffers.Binary;
using RadAnon.Dicom;
using RadAnon.Dicom.Codecs;
using RadAnon.Dicom.Data;
using RadAnon.Dicom.Pixels;

namespace RadAnon.Fuzz;

/// <summary>
/// The input of a codec target: an 8-byte frame description followed by one encoded frame (the codestream
/// or RLE frame as it sits in the pixel data fragments). The description is what the dataset would say:
/// <code>
/// 0-1 rows (u16 LE)   2-3 columns (u16 LE)   4 samples per pixel   5 bits allocated   6 bits stored
/// 7 flags: bit 0 pixel representation, bit 1 planar configuration, bits 2-4 photometric interpretation
///          (index into <see cref="Photometrics"/>)
/// </code>
/// Seeds come from the corpus's compressed files, so the description starts out agreeing with the stream;
/// a mutation of the first 8 bytes tests the decoder's checks of stream against dataset.
/// </summary>
public static class CodecInput
{
    public const int HeaderLength = 8;

    /// <summary>A frame bigger than this is skipped (not decoded): the harness would only be allocating
    /// memory. The anonymiser's own MaxPixels limit stands in front of the decoders in the real pipeline.</summary>
    public const long MaxDecodedFrameBytes = 16 << 20;

    public static readonly string[] Photometrics =
        ["MONOCHROME2", "MONOCHROME1", "RGB", "YBR_FULL", "YBR_FULL_422", "YBR_RCT", "YBR_ICT", "PALETTE COLOR"];

    /// <summary>The transfer syntaxes whose frames feed each codec target.</summary>
    public static IReadOnlyDictionary<string, string[]> Syntaxes { get; } = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["rle"] = [TransferSyntax.RleLosslessUid],
        ["jpeg"] = [TransferSyntax.JpegBaselineUid, TransferSyntax.JpegExtendedUid, TransferSyntax.JpegLosslessP14Uid, TransferSyntax.JpegLosslessSV1Uid],
        ["jpegls"] = [TransferSyntax.JpegLSLosslessUid, TransferSyntax.JpegLSNearLosslessUid],
        ["j2k"] = [TransferSyntax.Jpeg2000LosslessUid, TransferSyntax.Jpeg2000Uid],
    };

    /// <summary>Decodes <paramref name="input"/> with the decoder of <paramref name="syntaxUid"/>.</summary>
    public static void Decode(string syntaxUid, byte[] input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Length < HeaderLength)
        {
            return;
        }

        var description = Describe(input);
        description.Validate();
        if (description.DecodedFrameLength > MaxDecodedFrameBytes)
        {
            return;
        }

        var decoder = FrameCodecs.GetDecoder(TransferSyntax.Lookup(syntaxUid));
        var output = new byte[description.DecodedFrameLength];
        decoder.Decode(input.AsSpan(HeaderLength), description, output);
    }

    public static PixelDescription Describe(ReadOnlySpan<byte> header)
    {
        var flags = header[7];
        return new PixelDescription
        {
            Rows = BinaryPrimitives.ReadUInt16LittleEndian(header),
            Columns = BinaryPrimitives.ReadUInt16LittleEndian(header[2..]),
            SamplesPerPixel = header[4],
            BitsAllocated = header[5],
            BitsStored = header[6],
            HighBit = header[6] - 1,
            PixelRepresentation = flags & 1,
            PlanarConfiguration = (flags >> 1) & 1,
            PhotometricInterpretation = Photometrics[(flags >> 2) & 7],
        };
    }

    /// <summary>The first frame of a corpus file as a codec input, or null when the file is not one of
    /// <paramref name="target"/>'s syntaxes, cannot be read, or is too large to decode quickly.</summary>
    public static byte[]? FromDicom(byte[] file, string target, long maxDecodedFrameBytes)
    {
        DicomFile dicom;
        try
        {
            dicom = DicomFile.Read(file);
        }
        catch (RadAnonException)
        {
            return null;
        }

        using (dicom)
        {
            if (!Syntaxes[target].Contains(dicom.TransferSyntax.Uid, StringComparer.Ordinal)
                || dicom.Dataset[DicomTags.PixelData] is not DicomFragments fragments)
            {
                return null;
            }

            PixelDescription d;
            ReadOnlyMemory<byte> frame;
            try
            {
                d = PixelDescription.FromDataset(dicom.Dataset);
                frame = FrameLocator.GetFrame(dicom.Dataset, fragments, 0, d.NumberOfFrames);
            }
            catch (RadAnonException)
            {
                return null;
            }

            var photometric = Array.IndexOf(Photometrics, d.PhotometricInterpretation);
            if (d.DecodedFrameLength > maxDecodedFrameBytes || d.Rows > ushort.MaxValue || d.Columns > ushort.MaxValue
                || photometric < 0 || d.BitsAllocated > byte.MaxValue)
            {
                return null;
            }

            var input = new byte[HeaderLength + frame.Length];
            BinaryPrimitives.WriteUInt16LittleEndian(input, (ushort)d.Rows);
            BinaryPrimitives.WriteUInt16LittleEndian(input.AsSpan(2), (ushort)d.Columns);
            input[4] = (byte)d.SamplesPerPixel;
            input[5] = (byte)d.BitsAllocated;
            input[6] = (byte)d.BitsStored;
            input[7] = (byte)(d.PixelRepresentation & 1 | (d.PlanarConfiguration & 1) << 1 | photometric << 2);
            frame.Span.CopyTo(input.AsSpan(HeaderLength));
            return input;
        }
    }
}
