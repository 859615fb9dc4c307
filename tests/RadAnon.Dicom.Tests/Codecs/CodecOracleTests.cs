using RadAnon.Dicom.Codecs;
using RadAnon.TestSupport;
using Xunit.Abstractions;

namespace RadAnon.Dicom.Tests.Codecs;

/// <summary>
/// Every corpus file in an encapsulated syntax we decode agrees with an outside decoder: pixel-exact for
/// lossless syntaxes, within max abs diff 2 and mean 0.5 for lossy ones.
/// </summary>
public sealed class CodecOracleTests(ITestOutputHelper output)
{
    /// <summary>Syntaxes we decode, with whether their decoding must be exact.</summary>
    public static readonly IReadOnlyDictionary<string, bool> Decoded = new Dictionary<string, bool>(StringComparer.Ordinal)
    {
        [TransferSyntax.RleLosslessUid] = true,
        [TransferSyntax.JpegBaselineUid] = false,
        [TransferSyntax.JpegExtendedUid] = false,
        [TransferSyntax.JpegLosslessP14Uid] = true,
        [TransferSyntax.JpegLosslessSV1Uid] = true,
        [TransferSyntax.JpegLSLosslessUid] = true,
        [TransferSyntax.JpegLSNearLosslessUid] = false,
        [TransferSyntax.Jpeg2000LosslessUid] = true,
        [TransferSyntax.Jpeg2000Uid] = false,
    };

    /// <summary>Files whose oracle cannot decode them, and why; we still decode them (checked separately).</summary>
    public static readonly IReadOnlyDictionary<string, string> OracleCannotDecode = new Dictionary<string, string>(StringComparer.Ordinal)
    {
    };

    public static TheoryData<string, string> EncapsulatedFiles()
    {
        var data = new TheoryData<string, string>();
        foreach (var e in CorpusIndex.Dicom.Where(e => Decoded.ContainsKey(e.TransferSyntaxUid) && HasPixels(e)))
        {
            data.Add(e.TransferSyntaxUid, e.Path);
        }

        if (data.Count == 0)
        {
            data.Add("-", CorpusIndex.MissingCorpus);
        }

        return data;
    }

    [ToolTheory(CodecOracle.DcmDrle, CodecOracle.DcmDjpeg, CodecOracle.DcmDjpls, CodecOracle.GdcmConv)]
    [MemberData(nameof(EncapsulatedFiles))]
    public void Decode_EncapsulatedCorpusFile_AgreesWithOracle(string syntax, string path)
    {
        var full = Path.Combine(Repository.CorpusDirectory, path);
        using var file = DicomFile.Open(full);
        Assert.Equal(syntax, file.TransferSyntax.Uid);
        var ours = CodecOracle.DecodeAll(file);
        if (OracleCannotDecode.TryGetValue(path, out var reason))
        {
            output.WriteLine($"RESULT\t{syntax}\t{path}\tno-oracle\t{reason}");
            return;
        }

        var (reference, detail) = CodecOracle.Decode(CodecOracle.ToolFor(syntax), full);
        Assert.True(reference is not null, $"the oracle failed and {path} is not listed in OracleCannotDecode: {detail}");
        var comparison = FrameComparison.Compare(ours, reference);
        var exactRequired = Decoded[syntax];
        var verdict = comparison.Exact ? "exact" : comparison.WithinLossyTolerance ? "tolerance" : "different";
        output.WriteLine($"RESULT\t{syntax}\t{path}\t{verdict}\t{comparison}\t{detail}");
        Assert.Equal(reference[0].PhotometricInterpretation, ours[0].PhotometricInterpretation);
        Assert.True(exactRequired ? comparison.Exact : comparison.WithinLossyTolerance, $"{path} vs {detail}: {comparison}");
    }

    private static bool HasPixels(CorpusEntry e) =>
        e.Rows.Length > 0 && !e.Notes.Contains("no pixel data", StringComparison.Ordinal);
}
