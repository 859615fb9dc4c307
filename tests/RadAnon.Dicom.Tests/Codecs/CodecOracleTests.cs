using RadAnon.Dicom.Codecs.Jpeg;
using RadAnon.Dicom.Data;
using RadAnon.Dicom.Pixels;
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

    /// <summary>
    /// Whole-slide files whose right-edge tiles are encoded narrower than Columns: dcmtk copies such a
    /// tile's rows back to back into the frame (so its geometry is wrong) and GDCM refuses the file. We
    /// place the tile top-left and zero the rest; frames encoded at full width are compared as usual.
    /// </summary>
    public static readonly IReadOnlySet<string> NarrowTiles = new HashSet<string>(StringComparer.Ordinal)
    {
        "fo-dicom/multiframe.dcm",
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
        if (reference is null && CodecOracle.ToolFor(syntax) != CodecOracle.GdcmConv)
        {
            // dcmtk cannot parse a few irregular headers that GDCM reads; GDCM then serves as the oracle.
            (reference, detail) = CodecOracle.Decode(CodecOracle.GdcmConv, full);
        }

        Assert.True(reference is not null, $"the oracle failed and {path} is not listed in OracleCannotDecode: {detail}");
        if (NarrowTiles.Contains(path))
        {
            var fullWidth = FullWidthFrames(file).ToList();
            Assert.True(fullWidth.Count > 0 && fullWidth.Count < ours.Count, "the file should have both full and narrow tiles");
            (ours, reference) = (fullWidth.Select(i => ours[i]).ToList(), fullWidth.Select(i => reference[i]).ToList());
            detail += $" ({fullWidth.Count} full-width frames)";
        }

        var comparison = FrameComparison.Compare(ours, reference);
        var exactRequired = Decoded[syntax];
        var verdict = comparison.Exact ? "exact" : comparison.WithinLossyTolerance ? "tolerance" : "different";
        output.WriteLine($"RESULT\t{syntax}\t{path}\t{verdict}\t{comparison}\t{detail}");
        Assert.Equal(reference[0].PhotometricInterpretation, ours[0].PhotometricInterpretation);
        Assert.True(exactRequired ? comparison.Exact : comparison.WithinLossyTolerance, $"{path} vs {detail}: {comparison}");
    }

    private static IEnumerable<int> FullWidthFrames(DicomFile file)
    {
        var decoder = new PixelDataDecoder(file);
        var fragments = (DicomFragments)file.Dataset[DicomTags.PixelData]!;
        for (var i = 0; i < decoder.NumberOfFrames; i++)
        {
            var encoded = FrameLocator.GetFrame(file.Dataset, fragments, i, decoder.NumberOfFrames);
            if (JpegFrameHeader.Read(encoded.Span).SamplesPerLine == decoder.Description.Columns)
            {
                yield return i;
            }
        }
    }

    private static bool HasPixels(CorpusEntry e) =>
        e.Rows.Length > 0 && !e.Notes.Contains("no pixel data", StringComparison.Ordinal);
}
