using RadAnon.Dicom.Pixels;
using RadAnon.TestSupport;

namespace RadAnon.Dicom.Tests.Reading;

/// <summary>Each corpus file INDEX.tsv marks malformed has a stated outcome: read (with what), or rejected (why).</summary>
public sealed class MalformedCorpusTests
{
    public static TheoryData<string, string> Expectations => new()
    {
        // Rejected: the structure cannot be trusted, so the anonymiser must not guess (fail closed).
        { "dcm4che/Tag-0040-A170-VR-CS.dcm", "reject:sequence (0040,A170)" },
        { "pydicom-data/emri_small_jpeg_2k_lossless_too_short.dcm", "reject:fragments" },
        { "pydicom/MR_truncated.dcm", "reject:exceeds the remaining" },
        { "pydicom/no_meta.dcm", "reject:not a DICOM file" },
        // Read: irregular but unambiguous.
        { "dcm4che/no_preamble_dicm_in_data", "read:without preamble" },
        { "dwv/dwv-test_no-number-rows.dcm", "read:pixels-invalid" },
        { "fo-dicom/GH340.dcm", "read:no transfer syntax" },
        { "orthanc-tests/2017-06-27-XSSInjection.dcm", "read" },
        { "orthanc-tests/2026-03-16-OD-OF-OL.dcm", "read" },
        { "orthanc-tests/2026-05-26-oob-monochrome-65535.dcm", "read:pixels-invalid" },
        { "orthanc-tests/PrivateMDNTags.dcm", "read" },
        { "pydicom-data/bad_sequence.dcm", "read" },
        { "pydicom-data/explicit_VR-UN.dcm", "read" },
        { "pydicom/ExplVR_LitEndNoMeta.dcm", "read:no transfer syntax" },
        { "pydicom/J2K_pixelrep_mismatch.dcm", "read" },
        { "pydicom/MR_small_padded.dcm", "read" },
        { "pydicom/badVR.dcm", "read" },
        { "pydicom/meta_missing_tsyntax.dcm", "read:no transfer syntax" },
        { "pydicom/no_meta_group_length.dcm", "read" },
    };

    [CorpusTheory]
    [MemberData(nameof(Expectations))]
    public void Read_MalformedCorpusFile_HasItsStatedOutcome(string path, string expectation)
    {
        var full = Path.Combine(Repository.CorpusDirectory, path);
        var (outcome, detail) = expectation.Split(':', 2) is [var o, var d] ? (o, d) : (expectation, string.Empty);
        if (outcome == "reject")
        {
            var ex = Assert.Throws<InvalidDicomException>(() => DicomFile.Open(full));
            Assert.Contains(detail, ex.Message, StringComparison.Ordinal);
            Assert.True(ex.Offset >= 0, "a rejection names the byte offset");
            return;
        }

        using var file = DicomFile.Open(full);
        Assert.True(file.Dataset.Count > 0);
        if (detail == "pixels-invalid")
        {
            Assert.ThrowsAny<RadAnonException>(() => new PixelDataDecoder(file).DecodeFrame(0));
        }
        else if (detail.Length > 0)
        {
            Assert.Contains(file.ReadWarnings, w => w.Contains(detail, StringComparison.Ordinal));
        }
    }

    [CorpusFact]
    public void Expectations_CoverEveryFileTheIndexMarksMalformed()
    {
        var listed = Expectations.Select(row => (string)row[0]).ToHashSet(StringComparer.Ordinal);
        var unlisted = CorpusIndex.All.Where(e => e.IsMalformed && !listed.Contains(e.Path)).Select(e => e.Path).ToList();
        Assert.True(unlisted.Count == 0, "no stated outcome for: " + string.Join(", ", unlisted));
    }
}
