using RadAnon.Core.Pixels.Text;
using RadAnon.Core.Profiles;
using RadAnon.Core.Tests.Pixels.Text;
using RadAnon.Dicom;
using RadAnon.Dicom.Pixels;
using RadAnon.TestSupport;
using Xunit.Abstractions;

namespace RadAnon.Core.Tests.Pipeline;

/// <summary>
/// Do no harm: a real radiograph with no burned-in text (../shared/corpus INDEX.tsv, CR/DX/MG/XA/RF with pixel data and
/// has_burned_in_text=no) comes out of the default pipeline with every stored pixel value as it went in.
/// </summary>
public sealed class TextFreeRadiographTests : IClassFixture<OcrFixture>
{
    private static readonly string[] ProjectionModalities = ["CR", "DX", "MG", "XA", "RF"];

    private readonly OcrFixture fixture;
    private readonly ITestOutputHelper output;

    public TextFreeRadiographTests(OcrFixture fixture, ITestOutputHelper output)
    {
        this.fixture = fixture;
        this.output = output;
    }

    private static PseudonymKey Key => PseudonymKey.FromText("text-free corpus test key 0123456789");

    public static TheoryData<string> TextFreeRadiographs()
    {
        var data = new TheoryData<string>();
        foreach (var e in CorpusIndex.Dicom.Where(e => ProjectionModalities.Contains(e.Modality) && !e.HasBurnedInText
            && !e.Notes.StartsWith("no pixel data", StringComparison.Ordinal) && !e.IsMalformed))
        {
            data.Add(e.Path);
        }

        if (data.Count == 0)
        {
            data.Add(CorpusIndex.MissingCorpus);
        }

        return data;
    }

    [CorpusFact]
    public void Corpus_HoldsTheTextFreeRadiographsThisPropertyIsAbout()
    {
        Assert.True(TextFreeRadiographs().Count >= 9, "the corpus index lists fewer text-free projection radiographs than expected");
    }

    [CorpusTheory]
    [MemberData(nameof(TextFreeRadiographs))]
    public void Anonymize_TextFreeRealRadiograph_ChangesNoPixel(string path)
    {
        var input = File.ReadAllBytes(CorpusIndex.Get(path).FullPath);

        var result = new Anonymizer(fixture.Ocr).Anonymize(input, new AnonymizeOptions(), Key);

        var regions = result.Report.Pixels?.Regions ?? [];
        output.WriteLine($"{path}: {regions.Count} region(s), redacted {regions.Count(r => r.Action == "redacted")}");
        foreach (var r in regions)
        {
            output.WriteLine($"  {r.Category} {r.Action} {r.X},{r.Y} {r.Width}x{r.Height} confidence {r.Confidence}");
        }

        var before = new PixelDataDecoder(DicomFile.Read(input));
        var after = new PixelDataDecoder(DicomFile.Read(result.Output));
        Assert.Equal(before.NumberOfFrames, after.NumberOfFrames);
        for (var frame = 0; frame < before.NumberOfFrames; frame++)
        {
            var changed = CountChanged(before.DecodeFrame(frame), after.DecodeFrame(frame));
            Assert.True(changed == 0, $"frame {frame}: {changed} sample(s) changed on a radiograph without text");
        }
    }

    private static long CountChanged(PixelFrame before, PixelFrame after)
    {
        Assert.Equal(before.Bytes.Length, after.Bytes.Length);
        long changed = 0;
        for (var i = 0; i < before.Bytes.Length; i++)
        {
            changed += before.Bytes[i] != after.Bytes[i] ? 1 : 0;
        }

        return changed;
    }
}
