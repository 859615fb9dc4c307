using System.Diagnostics;
using RadAnon.Core.Pixels;
using RadAnon.Dicom;
using RadAnon.Dicom.Data;
using RadAnon.Dicom.Pixels;
using RadAnon.TestSupport;

namespace RadAnon.Core.Tests.Pixels;

/// <summary>Segmented palette colour LUTs (PS3.3 C.7.9.2) expand as pydicom expands them; hostile tables fail fast.</summary>
public sealed class SegmentedPaletteTests
{
    [Fact]
    public void ReadSegmented_DiscreteLinearIndirect_ExpandsAsTheStandardSays()
    {
        // discrete [10, 20], linear 4 steps to 60, indirect: replay 2 segments from word 0, then a padding word.
        ushort[] words = [0, 2, 10, 20, 1, 4, 60, 2, 2, 0, 0, 0];
        var table = Read(words, count: 12);

        ushort[] expected = [10, 20, 30, 40, 50, 60, 10, 20, 30, 40, 50, 60];
        Assert.Equal(expected, Enumerable.Range(0, 12).Select(i => (ushort)table.Map(i)).ToArray());
    }

    [Fact]
    public void ReadSegmented_FewerEntriesThanDeclared_LastEntryHoldsForTheRest()
    {
        var table = Read([0, 3, 5, 6, 7], count: 8);

        Assert.Equal([5, 6, 7, 7, 7, 7, 7, 7], Enumerable.Range(0, 8).Select(i => (ushort)table.Map(i)).ToArray());
    }

    [Theory]
    [InlineData(new ushort[] { 1, 4, 60 })] // a linear segment with nothing to start from
    [InlineData(new ushort[] { 0, 9, 1, 2 })] // a discrete segment longer than the data
    [InlineData(new ushort[] { 0, 1, 5, 2, 1, 0xFFFF, 0x7FFF })] // an indirect segment pointing outside
    [InlineData(new ushort[] { 0, 1, 5, 2, 1, 3, 0, 2, 1, 3, 0 })] // an indirect segment replaying an indirect one
    [InlineData(new ushort[] { 0, 1, 5, 7, 1 })] // an unknown opcode
    public void ReadSegmented_MalformedTable_IsInvalidDicom(ushort[] words)
    {
        Assert.Throws<InvalidDicomException>(() => Read(words, count: 16));
    }

    [Fact]
    public void ReadSegmented_ManyIndirectsOverEmptySegments_RefusedQuickly()
    {
        // 20,000 empty discrete segments, then 20,000 indirect segments each replaying all of them: 4 x 10^8 segment
        // visits that add no entry, unless the work is bounded.
        var words = new List<ushort>();
        for (var i = 0; i < 20_000; i++)
        {
            words.AddRange([(ushort)0, (ushort)0]);
        }

        for (var i = 0; i < 20_000; i++)
        {
            words.AddRange([(ushort)2, (ushort)20_000, (ushort)0, (ushort)0]);
        }

        var clock = Stopwatch.StartNew();
        Assert.Throws<InvalidDicomException>(() => Read([.. words], count: 256));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"took {clock.Elapsed}");
    }

    [ToolFact("/usr/bin/python3")]
    public void Render_SegmentedPaletteCorpusFile_MatchesPydicom()
    {
        var entry = CorpusIndex.Get("pydicom-data/gdcm-US-ALOKA-16.dcm");
        using var file = DicomFile.Open(entry.FullPath);
        var rendered = DisplayRenderer.Render(file.Dataset, new PixelDataDecoder(file).DecodeFrame(0), outputBits: 16);

        // pydicom's apply_color_lut expands the segmented tables on its own; its 16-bit RGB is the reference.
        var reference = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N") + ".raw");
        try
        {
            var script = "import sys, numpy as np, pydicom\n"
                + "from pydicom.pixel_data_handlers.util import apply_color_lut\n"
                + "ds = pydicom.dcmread(sys.argv[1])\n"
                + "a = ds.pixel_array\n"
                + "a = a[0] if a.ndim == 3 else a\n"
                + "apply_color_lut(a, ds).astype('<u2').tofile(sys.argv[2])\n";
            var run = ExternalTool.Run("/usr/bin/python3", ["-c", script, entry.FullPath, reference]);
            Assert.True(run.ExitCode == 0, run.StandardError);
            var expected = File.ReadAllBytes(reference);

            Assert.Equal(expected.Length, rendered.Data.Length);
            var differing = 0;
            for (var i = 0; i < expected.Length; i += 2)
            {
                differing += BitConverter.ToUInt16(expected, i) == BitConverter.ToUInt16(rendered.Data, i) ? 0 : 1;
            }

            Assert.Equal(0, differing);
        }
        finally
        {
            File.Delete(reference);
        }
    }

    private static LookupTable Read(ushort[] words, int count)
    {
        var dataset = new DicomDataset();
        dataset.AddOrUpdate(DicomTags.RedPaletteColorLookupTableDescriptor, DicomVR.US, (ushort)count, (ushort)0, (ushort)16);
        var bytes = new byte[words.Length * 2];
        Buffer.BlockCopy(words, 0, bytes, 0, bytes.Length);
        dataset.AddOrReplace(new DicomValueElement(DicomTags.SegmentedRedPaletteColorLookupTableData, DicomVR.OW, bytes));
        return LookupTable.ReadSegmented(dataset, DicomTags.RedPaletteColorLookupTableDescriptor, DicomTags.SegmentedRedPaletteColorLookupTableData)!;
    }
}
