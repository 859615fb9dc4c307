using System.Text.RegularExpressions;
using RadAnon.TestSupport;

namespace RadAnon.Dicom.Tests.Oracles;

/// <summary>
/// A second oracle for Specific Character Set decoding: dcmtk's conversion to UTF-8 (dcmdump +U8), for the corpus
/// charset files that dcmtk's iconv can convert. It covers the files where pydicom 2.3.1 itself misreads.
/// </summary>
public sealed partial class DcmtkCharsetTests
{
    public static TheoryData<string> CharsetFiles()
    {
        var data = new TheoryData<string>();
        foreach (var entry in CorpusIndex.Dicom.Where(e => e.Path.Contains("/charset/", StringComparison.Ordinal)))
        {
            data.Add(entry.Path);
        }

        if (data.Count == 0)
        {
            data.Add(CorpusIndex.MissingCorpus);
        }

        return data;
    }

    /// <summary>Files dcmtk's iconv build cannot convert to UTF-8; pydicom is the oracle for these.</summary>
    private static readonly Dictionary<string, string> DcmtkCannotConvert = new(StringComparer.Ordinal)
    {
        ["chrH31.dcm"] = "glibc iconv has no ISO 2022 IR 87 converter",
        ["chrJapMulti.dcm"] = "glibc iconv has no ISO 2022 IR 87 converter",
        ["chrSQEncoding.dcm"] = "dcmtk converts the whole file with one charset and fails on the nested item's own",
    };

    [ToolTheory("dcmdump")]
    [MemberData(nameof(CharsetFiles))]
    public void PatientName_AgreesWithDcmtkUtf8Conversion(string path)
    {
        var entry = CorpusIndex.Get(path);
        var dump = ExternalTool.Run("dcmdump", ["+U8", "+P", "0010,0010", entry.FullPath]);
        var match = DumpValue().Match(dump.StandardOutput);
        if (DcmtkCannotConvert.TryGetValue(Path.GetFileName(path), out var reason))
        {
            Assert.True(dump.ExitCode != 0, $"dcmtk now converts {path} ({reason}): make it an oracle for this file");
            return;
        }

        Assert.True(match.Success, $"dcmdump +U8 printed no PatientName for {path}: {dump.StandardError}");

        var ours = DicomFile.Open(entry.FullPath).Dataset.GetString(DicomTags.PatientName);
        Assert.NotNull(ours);
        Assert.Equal(match.Groups[1].Value.TrimEnd('='), ours.TrimEnd('='));
    }

    [GeneratedRegex(@"\(0010,0010\) PN \[(.*)\]\s+#")]
    private static partial Regex DumpValue();
}
