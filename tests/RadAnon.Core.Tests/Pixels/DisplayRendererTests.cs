using NetVips;
using RadAnon.Core.Pixels;
using RadAnon.Dicom;
using RadAnon.Dicom.Pixels;
using RadAnon.TestSupport;

namespace RadAnon.Core.Tests.Pixels;

/// <summary>Our display rendering agrees with dcmtk's dcmj2pnm (first window, or min-max when there is none).</summary>
public sealed class DisplayRendererTests
{
    public static TheoryData<string> GrayNativeFiles()
    {
        var data = new TheoryData<string>();
        foreach (var e in CorpusIndex.Dicom.Where(e => e.TransferSyntaxUid is "1.2.840.10008.1.2" or "1.2.840.10008.1.2.1"
                     && e.Notes.Contains("MONOCHROME", StringComparison.Ordinal) && e.Notes.StartsWith("rendered", StringComparison.Ordinal)
                     && !e.IsMalformed && e.Rows.Length > 0)
                     .Take(25))
        {
            data.Add(e.Path);
        }

        if (data.Count == 0)
        {
            data.Add(CorpusIndex.MissingCorpus);
        }

        return data;
    }

    [ToolTheory("dcmj2pnm")]
    [MemberData(nameof(GrayNativeFiles))]
    public void Render_GrayFile_MatchesDcmtkWithinOneLevel(string path)
    {
        var full = CorpusIndex.Get(path).FullPath;
        using var file = DicomFile.Open(full);
        if (file.Dataset.Contains(DicomTags.FloatPixelData))
        {
            return; // float pixels are refused by the decoder (UnsupportedPixelDataException), tested there
        }

        var decoder = new PixelDataDecoder(file);
        var rendered = DisplayRenderer.Render(file.Dataset, decoder.DecodeFrame(0));

        var hasWindow = file.Dataset.Contains(DicomTags.WindowCenter) || file.Dataset.Contains(DicomTags.VOILUTSequence);
        var png = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N") + ".png");
        try
        {
            var result = ExternalTool.Run("dcmj2pnm", ["--write-png", "--no-overlays", hasWindow ? "+Wi" : "+Wm", .. (hasWindow ? new[] { "1" } : []), "--frame", "1", full, png]);
            if (result.ExitCode != 0)
            {
                return; // dcmtk cannot render it: nothing to compare against
            }

            using var reference = Image.NewFromFile(png);
            Assert.Equal((reference.Width, reference.Height), (rendered.Width, rendered.Height));
            using var ours = Image.NewFromMemory(rendered.Data, rendered.Width, rendered.Height, 1, Enums.BandFormat.Uchar);
            using var gray = reference.Bands == 1 ? reference.Copy() : reference.Colourspace(Enums.Interpretation.Bw);
            var maxDiff = (ours.Cast(Enums.BandFormat.Int) - gray.Cast(Enums.BandFormat.Int)).Abs().Max();
            Assert.True(maxDiff <= 1, $"{path}: max difference {maxDiff} levels from dcmj2pnm");
        }
        finally
        {
            File.Delete(png);
        }
    }
}
