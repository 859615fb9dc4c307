using RadAnon.Dicom.Pixels;
using RadAnon.TestSupport;

namespace RadAnon.Dicom.Tests.Codecs;

/// <summary>
/// Decodes a file with an outside program (dcmtk's dcmdrle/dcmdjpeg/dcmdjpls, GDCM's gdcmconv --raw) into
/// native pixel data, which our native reader then turns into frames to compare with our codecs.
/// </summary>
public static class CodecOracle
{
    public const string DcmDrle = "dcmdrle";
    public const string DcmDjpeg = "dcmdjpeg";
    public const string DcmDjpls = "dcmdjpls";
    public const string GdcmConv = "gdcmconv";

    /// <summary>The oracle program for a transfer syntax.</summary>
    public static string ToolFor(string transferSyntaxUid) => transferSyntaxUid switch
    {
        TransferSyntax.RleLosslessUid => DcmDrle,
        TransferSyntax.JpegBaselineUid or TransferSyntax.JpegExtendedUid
            or TransferSyntax.JpegLosslessP14Uid or TransferSyntax.JpegLosslessSV1Uid => DcmDjpeg,
        TransferSyntax.JpegLSLosslessUid or TransferSyntax.JpegLSNearLosslessUid => DcmDjpls,
        _ => GdcmConv,
    };

    /// <summary>Runs the oracle; null with the reason when it fails to decode.</summary>
    public static (IReadOnlyList<PixelFrame>? Frames, string Detail) Decode(string tool, string inputPath)
    {
        var output = Path.Combine(Path.GetTempPath(), $"radanon-oracle-{Guid.NewGuid():N}.dcm");
        try
        {
            string[] arguments = tool == GdcmConv ? ["--raw", inputPath, output] : [inputPath, output];
            var result = ExternalTool.Run(tool, arguments, TimeSpan.FromMinutes(2));
            if (result.ExitCode != 0 || !File.Exists(output))
            {
                return (null, $"{tool} exit {result.ExitCode}: {result.StandardError.Trim()}");
            }

            using var file = DicomFile.Open(output);
            return (DecodeAll(file), tool);
        }
        finally
        {
            File.Delete(output);
        }
    }

    public static IReadOnlyList<PixelFrame> DecodeAll(DicomFile file)
    {
        var decoder = new PixelDataDecoder(file);
        return Enumerable.Range(0, decoder.NumberOfFrames).Select(decoder.DecodeFrame).ToList();
    }
}
