using System.Globalization;
using RadAnon.Core.Ocr;
using RadAnon.Core.Tests.Pixels.Ultrasound;
using RadAnon.Dicom;
using RadAnon.Dicom.Pixels;
using RadAnon.TestSupport;
using Xunit.Abstractions;

namespace RadAnon.Core.Tests.Pixels;

/// <summary>Tesseract and one measurement per annotated file, shared by every test of the class.</summary>
public sealed class UltrasoundFixture : IDisposable
{
    private readonly TesseractOcr _ocr = new();
    private readonly Dictionary<string, UltrasoundResult> _results = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public static string AnnotationsPath => Path.Combine(Repository.Root, "testdata", "ultrasound", "annotations.tsv");

    public IReadOnlyDictionary<string, IReadOnlyList<AnnotatedBox>> Annotations { get; } = UltrasoundAnnotations.Load(AnnotationsPath);

    public UltrasoundResult Result(string path)
    {
        lock (_gate)
        {
            if (!_results.TryGetValue(path, out var result))
            {
                var measurer = new UltrasoundMeasurer(_ocr);
                _results[path] = result = measurer.Measure(path, CorpusIndex.Get(path).FullPath, Annotations[path]).Result;
            }

            return result;
        }
    }

    public void Dispose() => _ocr.Dispose();
}

/// <summary>
/// The engine on the hand-annotated ultrasound files of the corpus (testdata/ultrasound/annotations.tsv, measured as
/// <see cref="FrameComparison"/> describes): every identifying box removed, no protected pixel (sector, Doppler, ECG,
/// colour bar, inset, M-mode) changed, at most 2 % of the pixels outside text changed, on every frame.
/// </summary>
public sealed class UltrasoundCorpusTests(UltrasoundFixture fixture, ITestOutputHelper output) : IClassFixture<UltrasoundFixture>
{
    private const double MaxCollateralPercent = 2.0;

    public enum Check
    {
        IdentifyingRemoved,
        ProtectedUnchanged,
        Collateral,
    }

    /// <summary>
    /// What today's engine still gets wrong, measured on the second-generation engine (learned detector and named rules;
    /// bench/text/ultrasound.sh prints the numbers). Each entry is tested the other way round (the damage is still there),
    /// so when the engine stops doing it the entry fails and must be removed here: the case is then held to the strict
    /// test like every other. The first engine damaged all 17 files (collateral mean 16.6 %, max 61.8 %).
    /// </summary>
    public static readonly IReadOnlySet<(string Path, Check Check)> KnownDamage = new HashSet<(string, Check)>
    {
        // frame 1's text is near-black through the palette: that frame is left untouched
        ("pydicom-data/OBXXXX1A_2frame.dcm", Check.IdentifyingRemoved),
        // one of two small identifying lines in a 240x320 frame is not found
        ("pydicom/examples_rgb_color.dcm", Check.IdentifyingRemoved),

        // the margins of text painted next to the sector, the colour bar or the Doppler box reach a little into them
        ("dcm4che/jpeg-ls-Palette.dcm", Check.ProtectedUnchanged),
        ("deid-data/ultrasounds/GREYSCALE_IMAGE.dcm", Check.ProtectedUnchanged),
        ("pydicom-data/US1_UNCR.dcm", Check.ProtectedUnchanged),
        ("pydicom/examples_jpeg2k.dcm", Check.ProtectedUnchanged),
        ("dwv/gdcm-US-RGB-8-epicard.dcm", Check.ProtectedUnchanged),
        ("orthanc-tests/TransferSyntaxes/1.2.840.10008.1.2.4.50.dcm", Check.ProtectedUnchanged),
        ("pydicom-data/OBXXXX1A_2frame.dcm", Check.ProtectedUnchanged),
        ("pydicom-data/OBXXXX1A_rle.dcm", Check.ProtectedUnchanged),
        ("pydicom/examples_palette.dcm", Check.ProtectedUnchanged),
        ("pydicom/examples_rgb_color.dcm", Check.ProtectedUnchanged),
        ("orthanc-tests/2023-04-21-RLEPlanarConfigurationYBR_FULL.dcm", Check.ProtectedUnchanged),

        // blocks inside the sector are still painted (unread speckle the model also calls text); 4-9 % outside text
        ("dicom-test-files/J2KI/US1_J2KI", Check.ProtectedUnchanged),
        ("dicom-test-files/J2KI/US1_J2KI", Check.Collateral),
        ("orthanc-tests/PrivateTags.dcm", Check.ProtectedUnchanged),
        ("orthanc-tests/PrivateTags.dcm", Check.Collateral),
        ("orthanc-tests/TransferSyntaxes/1.2.840.10008.1.2.4.50.dcm", Check.Collateral),
        ("pydicom-data/gdcm-US-ALOKA-16.dcm", Check.ProtectedUnchanged),
        ("pydicom-data/gdcm-US-ALOKA-16.dcm", Check.Collateral),
    };

    public static TheoryData<string> Strict(Check check) => Cases(check);

    public static TheoryData<string, Check> Known()
    {
        var data = new TheoryData<string, Check>();
        foreach (var (path, check) in KnownDamage.Where(_ => Repository.HasCorpus).OrderBy(k => k.Path, StringComparer.Ordinal).ThenBy(k => k.Check))
        {
            data.Add(path, check);
        }

        if (data.Count == 0)
        {
            data.Add(CorpusIndex.MissingCorpus, Check.Collateral);
        }

        return data;
    }

    [CorpusTheory]
    [MemberData(nameof(Strict), Check.IdentifyingRemoved)]
    public void Anonymize_Ultrasound_RemovesEveryIdentifyingBox(string path)
    {
        if (path == CorpusIndex.MissingCorpus)
        {
            return; // every file is known damage for this check: nothing strict left
        }

        var r = Measured(path);
        Assert.True(IdentifyingRemoved(r), $"{path}: {r.IdentifyingTotal - r.IdentifyingRemoved} of {r.IdentifyingTotal} identifying boxes kept: {string.Join(", ", r.IdentifyingKept)}");
    }

    [CorpusTheory]
    [MemberData(nameof(Strict), Check.ProtectedUnchanged)]
    public void Anonymize_Ultrasound_LeavesProtectedRegionsUnchanged(string path)
    {
        if (path == CorpusIndex.MissingCorpus)
        {
            return; // every file is known damage for this check: nothing strict left
        }

        var r = Measured(path);
        Assert.True(ProtectedUnchanged(r), $"{path}: protected pixels painted: {Painted(r)}");
    }

    [CorpusTheory]
    [MemberData(nameof(Strict), Check.Collateral)]
    public void Anonymize_Ultrasound_ChangesAtMostTwoPercentOutsideText(string path)
    {
        if (path == CorpusIndex.MissingCorpus)
        {
            return; // every file is known damage for this check: nothing strict left
        }

        var r = Measured(path);
        Assert.True(CollateralWithinLimit(r), $"{path}: {r.CollateralPercent:0.00} % of the pixels outside text changed (limit {MaxCollateralPercent} %)");
    }

    [CorpusTheory]
    [MemberData(nameof(Known))]
    public void KnownDamage_IsStillThere_OrTheEntryMustGo(string path, Check check)
    {
        if (path == CorpusIndex.MissingCorpus)
        {
            return; // no known damage left: nothing to hold
        }

        var r = Measured(path);
        var passes = check switch
        {
            Check.IdentifyingRemoved => IdentifyingRemoved(r),
            Check.ProtectedUnchanged => ProtectedUnchanged(r),
            _ => CollateralWithinLimit(r),
        };
        Assert.False(passes, $"{path} now passes {check}: remove ({path}, {check}) from KnownDamage so the strict test holds it");
    }

    [CorpusFact]
    public void Annotations_CoverEveryDecodableUltrasoundFileOfTheIndex()
    {
        foreach (var entry in CorpusIndex.Dicom.Where(e => e.Modality == "US"))
        {
            if (!fixture.Annotations.ContainsKey(entry.Path))
            {
                using var file = DicomFile.Open(entry.FullPath);
                Assert.ThrowsAny<RadAnonException>(() => new PixelDataDecoder(file).DecodeFrame(0));
            }
        }
    }

    private static bool IdentifyingRemoved(UltrasoundResult r) => r.IdentifyingRemoved == r.IdentifyingTotal;

    private static bool ProtectedUnchanged(UltrasoundResult r) => r.ProtectedPaintedTotal == 0;

    private static bool CollateralWithinLimit(UltrasoundResult r) => r.CollateralPercent <= MaxCollateralPercent;

    private static string Painted(UltrasoundResult r) =>
        string.Join(", ", r.ProtectedPainted.Where(p => p.Value > 0).Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key} {p.Value}")));

    private static TheoryData<string> Cases(Check check)
    {
        var data = new TheoryData<string>();
        if (!Repository.HasCorpus)
        {
            data.Add(CorpusIndex.MissingCorpus);
            return data;
        }

        foreach (var path in UltrasoundAnnotations.Load(UltrasoundFixture.AnnotationsPath).Keys.Where(p => !KnownDamage.Contains((p, check))))
        {
            data.Add(path);
        }

        if (data.Count == 0)
        {
            data.Add(CorpusIndex.MissingCorpus);
        }

        return data;
    }

    private UltrasoundResult Measured(string path)
    {
        var r = fixture.Result(path);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{path}: identifying removed {r.IdentifyingRemoved}/{r.IdentifyingTotal}, collateral {r.CollateralPercent:0.00} %, protected painted {r.ProtectedPaintedTotal} ({Painted(r)}), markers changed {r.MarkersChanged}/{r.MarkersTotal}, {r.RegionsRedacted} regions redacted, frames {r.Frames}{(r.Refused ? ", refused (residual text)" : string.Empty)}"));
        return r;
    }
}
