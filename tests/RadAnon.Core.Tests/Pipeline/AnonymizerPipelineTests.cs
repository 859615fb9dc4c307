using System.Text;
using NetVips;
using RadAnon.Core.Ocr;
using RadAnon.Core.Pixels;
using RadAnon.Core.Pixels.Text;
using RadAnon.Core.Profiles;
using RadAnon.Core.Provenance;
using RadAnon.Core.Raster;
using RadAnon.Core.Tests.Pixels.Text;
using RadAnon.Dicom;
using RadAnon.Dicom.Pixels;
using Xunit.Abstractions;

namespace RadAnon.Core.Tests.Pipeline;

/// <summary>The whole pipeline, with Tesseract as the reading oracle: DICOM, PNG and JPEG in, cleaned and reported out.</summary>
public sealed class AnonymizerPipelineTests : IClassFixture<OcrFixture>
{
    private const string Marker = "rpt-01HZX3:sha256=4f2a9c";
    private readonly TesseractOcr ocr;
    private readonly ITestOutputHelper output;

    public AnonymizerPipelineTests(OcrFixture fixture, ITestOutputHelper output)
    {
        ocr = fixture.Ocr;
        this.output = output;
    }

    private static PseudonymKey Key => PseudonymKey.FromText("pipeline test key 0123456789");

    [Fact]
    public void Anonymize_Dicom16BitMonochrome2_RemovesBurnedInName_AndMarksClean()
    {
        var image = PipelineInputs.Radiograph(bits: 12);
        var before = ReadWords(image);

        Assert.Contains(before, w => w.Contains("ALSKI", StringComparison.Ordinal)); // the test means something
        var input = PipelineInputs.Dicom(image);

        var result = new Anonymizer(ocr).Anonymize(input, new AnonymizeOptions(), Key, Marker);
        output.WriteLine(ProvenanceJson.Serialize(result.Report));

        using var file = DicomFile.Read(result.Output);
        Assert.Equal(TransferSyntax.ExplicitVRLittleEndianUid, file.TransferSyntax.Uid);
        Assert.Equal("NO", file.Dataset.GetString(DicomTags.BurnedInAnnotation));
        Assert.Contains(result.Report.Header!.Codes, c => c.Value == "113101");
        Assert.True(result.Report.PixelsCleaned);
        var cleaned = StoredImage(file);
        Assert.Equal((image.Width, image.Height), (cleaned.Width, cleaned.Height));
        var words = ReadWords(cleaned);
        Assert.DoesNotContain(words, w => w.Contains("ALSKI", StringComparison.Ordinal) || w.Contains(PipelineInputs.PatientId, StringComparison.Ordinal));
        AssertNoCanary(result);
        Assert.True(ProvenanceMarker.TryRead(result.Output, out var marker));
        Assert.Equal(Marker, marker);
        Assert.Equal(result.Report.OutputSha256, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(result.Output)));
    }

    [Theory]
    [InlineData("png", 8, false)]
    [InlineData("png", 16, false)]
    [InlineData("png", 8, true)]
    [InlineData("jpeg", 8, false)]
    public void Anonymize_Raster_RemovesBurnedInName_KeepsGeometry_AndCarriesOnlyTheMarker(string format, int bits, bool rgb)
    {
        var image = PipelineInputs.Radiograph(bits: bits);
        var input = PipelineInputs.Raster(image, format, rgb);

        var result = new Anonymizer(ocr).Anonymize(input, new AnonymizeOptions(), Key, Marker);

        var kind = format == "png" ? RasterFormat.Png : RasterFormat.Jpeg;
        Assert.Equal(kind, RasterFormatDetector.Detect(result.Output));
        Assert.True(result.Report.PixelsCleaned);
        Assert.False(result.Report.Forced);
        using var decoded = Image.NewFromBuffer(result.Output);
        Assert.Equal((image.Width, image.Height), (decoded.Width, decoded.Height));
        Assert.Equal(format == "png" && bits == 16 ? Enums.BandFormat.Ushort : Enums.BandFormat.Uchar, decoded.Format);
        using var gray = decoded.Bands >= 3 ? decoded.Colourspace(Enums.Interpretation.Bw) : decoded.Copy();
        using var eight = gray.Format == Enums.BandFormat.Ushort ? gray.Linear([1.0 / 257], [0.0]).Cast(Enums.BandFormat.Uchar) : gray.Copy();
        var pixels = eight.WriteToMemory<byte>();
        Assert.Contains(ReadWords(image.Is16Bit ? image.To8BitView() : image.Pixels8.ToArray(), image.Width, image.Height), w => w.Contains("ALSKI", StringComparison.Ordinal));
        var words = ReadWords(pixels, eight.Width, eight.Height);
        Assert.DoesNotContain(words, w => w.Contains("ALSKI", StringComparison.Ordinal) || w.Contains(PipelineInputs.PatientId, StringComparison.Ordinal));
        Assert.Equal([format == "png" ? "PNG iTXt 'RadAnon-Provenance'" : "JPEG COM"], MetadataInventory.List(result.Output, kind));
        Assert.True(ProvenanceMarker.TryRead(result.Output, out var marker));
        Assert.Equal(Marker, marker);
        AssertNoCanary(result);
    }

    [Fact]
    public void Anonymize_DicomExportPng16_RendersForDisplay_WithSameGeometry()
    {
        var image = PipelineInputs.Radiograph(bits: 12);
        var result = new Anonymizer(ocr).Anonymize(PipelineInputs.Dicom(image, photometric: "MONOCHROME1"), new AnonymizeOptions { Format = OutputFormat.Png16 }, Key);

        using var decoded = Image.NewFromBuffer(result.Output);
        Assert.Equal((image.Width, image.Height, Enums.BandFormat.Ushort), (decoded.Width, decoded.Height, decoded.Format));
        Assert.Equal("png", result.Report.OutputKind);
        Assert.Empty(MetadataInventory.List(result.Output, RasterFormat.Png));
        AssertNoCanary(result);
    }

    [Fact]
    public void Anonymize_ResidualText_RefusesUnlessForced_AndForcedOutputNeverClaimsClean()
    {
        var image = PipelineInputs.Radiograph(bits: 12);
        var input = PipelineInputs.Dicom(image);
        var anonymizer = new Anonymizer(new AlwaysReadsTheName());

        Assert.Throws<ResidualTextException>(() => anonymizer.Anonymize(input, new AnonymizeOptions(), Key));

        var forced = anonymizer.Anonymize(input, new AnonymizeOptions { Force = true }, Key);
        using var file = DicomFile.Read(forced.Output);
        Assert.NotEqual("NO", file.Dataset.GetString(DicomTags.BurnedInAnnotation));
        Assert.False(forced.Report.PixelsCleaned);
        Assert.True(forced.Report.Forced);
        Assert.True(forced.Report.Pixels!.Verification.ResidualTextFound);
        Assert.DoesNotContain(forced.Report.Header!.Codes, c => c.Value == "113101");
        Assert.Contains(forced.Report.Warnings, w => w.Contains("forced", StringComparison.Ordinal));
    }

    [Fact]
    public void Anonymize_FrameThatCannotBeDecoded_ThrowsAndReturnsNothing()
    {
        var image = PipelineInputs.Radiograph(bits: 12, width: 128, height: 96);
        var input = PipelineInputs.Dicom(image, frames: 2, truncateBytes: 4000);
        var anonymizer = new Anonymizer(ocr);

        Assert.ThrowsAny<RadAnonException>(() => anonymizer.Anonymize(input, new AnonymizeOptions(), Key));
    }

    [Fact]
    public void Anonymize_BadOptions_ThrowInvalidOptions_BeforeReadingTheInput()
    {
        var anonymizer = new Anonymizer(ocr);
        var png = PipelineInputs.Raster(GrayImage.Create8(16, 16), "png");
        Assert.Throws<InvalidOptionsException>(() => anonymizer.Anonymize(png, new AnonymizeOptions { Profile = "nosuch" }, Key));
        Assert.Throws<InvalidOptionsException>(() => anonymizer.Anonymize(png, new AnonymizeOptions { Format = (OutputFormat)42 }, Key));
        Assert.Throws<InvalidOptionsException>(() => anonymizer.Anonymize(png, new AnonymizeOptions { AddRegions = [new PixelBox(-1, 0, 5, 5)] }, Key));
        Assert.Throws<InvalidOptionsException>(() => anonymizer.Anonymize(png, new AnonymizeOptions { Format = OutputFormat.Dicom }, Key));
        Assert.Throws<InvalidOptionsException>(() => anonymizer.Anonymize(png, new AnonymizeOptions(), Key, new string('x', 80)));
    }

    [Fact]
    public void Analyze_ReturnsHeaderActionsRegionsAndDownscaledPreview_WritingNothing()
    {
        var image = PipelineInputs.Radiograph(bits: 12, width: 1400, height: 1100);
        var analysis = new Anonymizer(ocr).Analyze(PipelineInputs.Dicom(image), new AnonymizeOptions(), Key);

        Assert.Equal("dicom", analysis.InputKind);
        Assert.Contains(analysis.HeaderActions, a => a.Keyword == "PatientName");
        Assert.Contains(analysis.Regions, r => r.Action == "redacted" && r.Y < 120);
        using var preview = Image.NewFromBuffer(analysis.PreviewPng!);
        Assert.Equal(1024, Math.Max(preview.Width, preview.Height));
        Assert.Equal(1024.0 / 1400, analysis.PreviewScale, 3);
    }

    [Fact]
    public void Anonymize_ResearchProfile_GivesPatientIdAKeyedPseudonym()
    {
        var input = new DicomFile(new Dicom.Data.DicomDataset(), PipelineInputs.Header(), TransferSyntax.ExplicitVRLittleEndian).ToBytes();
        var anonymizer = new Anonymizer(ocr);
        var first = anonymizer.Anonymize(input, new AnonymizeOptions { Profile = "research" }, Key);
        var second = anonymizer.Anonymize(input, new AnonymizeOptions { Profile = "research" }, Key);
        using var a = DicomFile.Read(first.Output);
        using var b = DicomFile.Read(second.Output);
        var id = a.Dataset.GetString(DicomTags.PatientID);
        Assert.StartsWith("PSN", id, StringComparison.Ordinal);
        Assert.Equal(23, id!.Length);
        Assert.Equal(id, b.Dataset.GetString(DicomTags.PatientID));
        Assert.DoesNotContain(PipelineInputs.PatientId, id, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_MatchesTheRequiredFieldsOfProvenanceSchema()
    {
        var anonymizer = new Anonymizer(ocr);
        var image = PipelineInputs.Radiograph(bits: 8, width: 320, height: 240);
        var reports = new[]
        {
            anonymizer.Anonymize(PipelineInputs.Dicom(PipelineInputs.Radiograph(bits: 12, width: 320, height: 240)), new AnonymizeOptions { Force = true }, Key).Report,
            anonymizer.Anonymize(PipelineInputs.Raster(image, "png"), new AnonymizeOptions { Force = true, AddRegions = [new PixelBox(200, 200, 20, 20)] }, Key).Report,
            anonymizer.Anonymize(PipelineInputs.Raster(image, "jpeg"), new AnonymizeOptions { Profile = "basic" }, Key).Report,
        };
        var schema = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(TestSupport.Repository.Root, "schemas", "provenance-v1.json"))).RootElement;
        foreach (var report in reports)
        {
            using var json = System.Text.Json.JsonDocument.Parse(ProvenanceJson.Serialize(report));
            var problems = SchemaCheck.Problems(schema, schema, json.RootElement, "$").ToList();
            Assert.True(problems.Count == 0, string.Join("\n", problems));
        }
    }

    [Fact]
    public void Anonymize_DecodedSizeAboveOneArray_RefusedAsTooLargeBeforeDecoding()
    {
        // 65535 x 65535 16-bit passes a MaxPixels raised to 5 G, but its 8.6 GB frame cannot be one buffer: the limit
        // check refuses it up front instead of an overflow (a 500) in the decoder or the writer.
        var limits = new AnonymizerLimits { MaxPixels = 5_000_000_000 };
        var input = RadAnon.SyntheticData.HostileFiles.DicomHuge16BitImage();

        var ex = Assert.Throws<ImageTooLargeException>(() => new Anonymizer(ocr, limits: limits).Anonymize(input, new AnonymizeOptions(), Key));

        Assert.Contains("bytes", ex.Message, StringComparison.Ordinal);
        Assert.Equal(65535, ex.Width);
    }

    private static void AssertNoCanary(AnonymizeResult result)
    {
        var json = ProvenanceJson.Serialize(result.Report);
        foreach (var canary in new[] { PipelineInputs.Canary, "ALSKI", PipelineInputs.PatientId })
        {
            Assert.DoesNotContain(canary, json, StringComparison.OrdinalIgnoreCase);
            foreach (var encoded in new[] { Encoding.ASCII.GetBytes(canary), Encoding.Unicode.GetBytes(canary), Encoding.ASCII.GetBytes(Convert.ToBase64String(Encoding.ASCII.GetBytes(canary))[..8]) })
            {
                Assert.True(result.Output.AsSpan().IndexOf(encoded) < 0, $"output bytes contain the canary '{canary}'");
            }
        }
    }

    private static GrayImage StoredImage(DicomFile file)
    {
        var frame = new PixelDataDecoder(file).DecodeFrame(0);
        var image = GrayImage.Create16(frame.Columns, frame.Rows, frame.Description.BitsStored);
        frame.AsUInt16().CopyTo(image.Pixels16);
        return image;
    }

    /// <summary>Whole-image OCR in both polarities (Tesseract reads dark-on-light best).</summary>
    private IReadOnlyList<string> ReadWords(GrayImage image) => ReadWords(image.To8BitView(), image.Width, image.Height);

    private IReadOnlyList<string> ReadWords(byte[] view, int width, int height)
    {
        var inverted = view.Select(v => (byte)(255 - v)).ToArray();
        return [.. new[] { view, inverted }
            .SelectMany(v => ocr.Recognize(v, width, height, width, OcrMode.SparseText))
            .Select(w => w.Text.ToUpperInvariant())]; // every word, however unsure: stricter for absence
    }

    /// <summary>An OCR that reads the patient's name wherever it looks, so verification always finds residual text.</summary>
    private sealed class AlwaysReadsTheName : IOcr
    {
        public string Version => "stub";

        public IReadOnlyList<OcrWord> Recognize(ReadOnlySpan<byte> gray8, int width, int height, int stride, OcrMode mode) =>
            [new OcrWord(PipelineInputs.Family, 0, 0, Math.Min(width, 40), Math.Min(height, 12), 99)];
    }
}
