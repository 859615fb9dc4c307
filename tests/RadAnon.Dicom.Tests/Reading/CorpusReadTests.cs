using RadAnon.Dicom.Data;
using RadAnon.TestSupport;

namespace RadAnon.Dicom.Tests.Reading;

public sealed class CorpusReadTests
{
    [CorpusTheory]
    [MemberData(nameof(CorpusIndex.DicomPaths), MemberType = typeof(CorpusIndex))]
    public void Read_CorpusFile_ParsesOrRejectsWithOffset(string path)
    {
        var entry = CorpusIndex.Get(path);
        try
        {
            var file = DicomFile.Open(entry.FullPath);
            Assert.True(file.Dataset.Count > 0, "a readable file has elements");
        }
        catch (InvalidDicomException ex)
        {
            Assert.True(entry.IsMalformed || KnownDifferences.Rejections.ContainsKey(path), $"{path} is not marked malformed but was rejected: {ex.Message}");
        }
    }
}
