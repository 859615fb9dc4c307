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
}
