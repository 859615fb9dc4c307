namespace RadAnon.Dicom.Tests.Reading;

/// <summary>Where our reader parts from pydicom on purpose, with the reason (reported in the issue note).</summary>
internal static class KnownDifferences
{
    /// <summary>Files pydicom reads that we reject: their structure is broken, so guessing would not be safe.</summary>
    public static readonly IReadOnlyDictionary<string, string> Rejections = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["fo-dicom/GH626.dcm"] = "command group length 337256453 runs past the end; dcmtk rejects it too, pydicom reads garbage",
        ["pydicom/dicomdirtests/DICOMDIR-nooffset"] = "last directory record item is truncated (248 bytes declared, 224 left)",
    };

    /// <summary>Files we read differently from pydicom, where pydicom is wrong.</summary>
    public static readonly IReadOnlyDictionary<string, string> Readings = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["dcm4che/no_preamble_dicm_in_data"] = "pydicom takes a coincidental DICM at offset 128 for a preamble and reads one garbage element; we read the bare 34-element dataset",
        ["fo-dicom/charset/chrGB2312.dcm"] = "pydicom 2.3.1 leaves the ISO 2022 IR 58 escapes undecoded; DcmtkCharsetTests checks our reading against dcmdump +U8 instead",
    };
}
