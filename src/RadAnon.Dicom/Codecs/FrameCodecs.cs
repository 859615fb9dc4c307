using RadAnon.Dicom.Codecs.Jpeg;
using RadAnon.Dicom.Codecs.Jpeg2000;
using RadAnon.Dicom.Codecs.JpegLS;
using RadAnon.Dicom.Codecs.Rle;

namespace RadAnon.Dicom.Codecs;

/// <summary>Finds the decoder (and, for lossless syntaxes we can write, the encoder) for a transfer syntax.</summary>
public static class FrameCodecs
{
    /// <summary>The decoder for an encapsulated syntax; <see cref="UnsupportedTransferSyntaxException"/> when there is none.</summary>
    public static IFrameDecoder GetDecoder(TransferSyntax syntax)
    {
        ArgumentNullException.ThrowIfNull(syntax);
        return syntax.Uid switch
        {
            TransferSyntax.RleLosslessUid => RleFrameDecoder.Instance,
            TransferSyntax.JpegBaselineUid or TransferSyntax.JpegExtendedUid
                or TransferSyntax.JpegLosslessP14Uid or TransferSyntax.JpegLosslessSV1Uid => JpegFrameDecoder.Instance,
            TransferSyntax.JpegLSLosslessUid or TransferSyntax.JpegLSNearLosslessUid => JpegLSFrameDecoder.Instance,
            TransferSyntax.Jpeg2000LosslessUid or TransferSyntax.Jpeg2000Uid => Jpeg2000FrameDecoder.Instance,
            _ => throw new UnsupportedTransferSyntaxException(syntax.Uid),
        };
    }

    /// <summary>The encoder for a syntax, or null when RadAnon cannot write it.</summary>
    public static IFrameEncoder? GetEncoder(TransferSyntax syntax)
    {
        ArgumentNullException.ThrowIfNull(syntax);
        return syntax.Uid switch
        {
            TransferSyntax.RleLosslessUid => RleFrameEncoder.Instance,
            _ => null,
        };
    }
}
