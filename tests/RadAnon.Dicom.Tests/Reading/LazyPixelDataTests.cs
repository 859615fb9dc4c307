using RadAnon.Dicom.Data;
using RadAnon.Dicom.Reading;
using RadAnon.TestSupport;

namespace RadAnon.Dicom.Tests.Reading;

public sealed class LazyPixelDataTests
{
    [CorpusFact]
    public void OpenLazily_GivesTheSamePixelBytes_WithoutCopyingThemIntoTheHeap()
    {
        var path = Path.Combine(Repository.CorpusDirectory, "pydicom", "CT_small.dcm");
        using var eager = DicomFile.Open(path);
        using var lazy = DicomFile.Open(path, new DicomReadOptions { LazyPixelData = true });
        var eagerPixels = ((DicomValueElement)eager.Dataset[DicomTags.PixelData]!).Data;
        var lazyPixels = ((DicomValueElement)lazy.Dataset[DicomTags.PixelData]!).Data;
        Assert.True(eagerPixels.Span.SequenceEqual(lazyPixels.Span));
        Assert.False(System.Runtime.InteropServices.MemoryMarshal.TryGetArray(lazyPixels, out _), "lazy data is backed by the file mapping, not an array");
        Assert.True(System.Runtime.InteropServices.MemoryMarshal.TryGetArray(eagerPixels, out _));
    }

    [CorpusFact]
    public void Open_ThroughSymbolicLink_ReadsTheTargetWhole()
    {
        // A folder of links to the real files is a common way to pick a teaching set; the file's size must be the
        // target's, not the link's (a FileInfo on the link gives the length of the target's name).
        var target = Path.Combine(Repository.CorpusDirectory, "pydicom", "CT_small.dcm");
        var folder = Directory.CreateTempSubdirectory("radanon-link-");
        try
        {
            var link = Path.Combine(folder.FullName, "case.dcm");
            File.CreateSymbolicLink(link, target);
            using var direct = DicomFile.Open(target, new DicomReadOptions { LazyPixelData = true });
            using var linked = DicomFile.Open(link, new DicomReadOptions { LazyPixelData = true });

            var directPixels = ((DicomValueElement)direct.Dataset[DicomTags.PixelData]!).Data;
            var linkedPixels = ((DicomValueElement)linked.Dataset[DicomTags.PixelData]!).Data;
            Assert.True(directPixels.Length > 1000);
            Assert.True(directPixels.Span.SequenceEqual(linkedPixels.Span));
            Assert.Equal(direct.Dataset.Count(), linked.Dataset.Count());
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
