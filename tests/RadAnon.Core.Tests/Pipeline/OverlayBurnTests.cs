using System.Diagnostics;
using System.Text.Json;
using RadAnon.Core.Ocr;
using RadAnon.Core.Pixels;
using RadAnon.Core.Profiles;
using RadAnon.Core.Provenance;
using RadAnon.Core.Tests.Pixels.Text;
using RadAnon.Dicom;
using RadAnon.Dicom.Data;
using RadAnon.Dicom.Pixels;
using Xunit.Abstractions;

namespace RadAnon.Core.Tests.Pipeline;

/// <summary>burnOverlays: 60xx planes flattened into the pixels before text cleaning, then removed.</summary>
public sealed class OverlayBurnTests : IClassFixture<OcrFixture>
{
    private static readonly AnonymizeOptions BasicBurn = new() { Profile = "basic", BurnOverlays = true };
    private readonly TesseractOcr ocr;
    private readonly ITestOutputHelper output;

    public OverlayBurnTests(OcrFixture fixture, ITestOutputHelper output)
    {
        ocr = fixture.Ocr;
        this.output = output;
    }

    private static PseudonymKey Key => PseudonymKey.FromText("overlay test key 0123456789");

    [Fact]
    public void BurnOverlays_DrawsSetBitsAtTheFrameMaximum_AtTheOneBasedOrigin_AndRemoves60xx()
    {
        var image = OverlayInputs.Gradient();
        var bits = OverlayInputs.Pattern(10, 12);
        var header = OverlayInputs.WithOverlay(OverlayInputs.Header(), 0x6002, 10, 12, originRow: 5, originColumn: 7, OverlayInputs.Pack(bits));
        var max = Enumerable.Range(0, image.Width * image.Height).Max(i => image[i % image.Width, i / image.Width]);

        var result = new Anonymizer(ocr).Anonymize(OverlayInputs.Dicom(image, header), BasicBurn, Key);

        using var file = DicomFile.Read(result.Output);
        var frame = new PixelDataDecoder(file).DecodeFrame(0);
        for (var y = 0; y < image.Height; y++)
        {
            for (var x = 0; x < image.Width; x++)
            {
                // Origin 5\7 is 1-based: overlay (0, 0) lies on image row 4, column 6.
                var r = y - 4;
                var c = x - 6;
                var set = r is >= 0 and < 10 && c is >= 0 and < 12 && bits[r, c];
                Assert.Equal(set ? max : image[x, y], frame.GetSample(x, y));
            }
        }

        Assert.DoesNotContain(file.Dataset, e => e.Tag.Group is >= 0x6000 and <= 0x60FF);
        var entry = Assert.Single(result.Report.Overlays!);
        Assert.Equal(new OverlayReport("6002", 10, 12, 1, "G", "overlay-data", "burned"), entry);
        var json = ProvenanceJson.Serialize(result.Report);
        Assert.Contains("burned into the pixel data", json, StringComparison.Ordinal);
        Assert.DoesNotContain(PipelineInputs.Canary, json, StringComparison.Ordinal);
        Assert.Empty(SchemaProblems(json));
    }

    [Fact]
    public void WithoutBurnOverlays_PixelsAreUntouched_And60xxStillRemoved()
    {
        var image = OverlayInputs.Gradient();
        var header = OverlayInputs.WithOverlay(OverlayInputs.Header(), 0x6000, 10, 12, 1, 1, OverlayInputs.Pack(OverlayInputs.Pattern(10, 12)));
        var input = OverlayInputs.Dicom(image, header);

        var result = new Anonymizer(ocr).Anonymize(input, new AnonymizeOptions { Profile = "basic" }, Key);

        using var before = DicomFile.Read(input);
        using var after = DicomFile.Read(result.Output);
        Assert.Equal(((DicomValueElement)before.Dataset[DicomTags.PixelData]!).Data.ToArray(), ((DicomValueElement)after.Dataset[DicomTags.PixelData]!).Data.ToArray());
        Assert.DoesNotContain(after.Dataset, e => e.Tag.Group is >= 0x6000 and <= 0x60FF);
        Assert.Null(result.Report.Overlays);
    }

    [Fact]
    public void BurnOverlays_Monochrome1_DrawsTheFrameMinimum_WhichDisplaysWhite()
    {
        var image = OverlayInputs.Gradient();
        var bits = OverlayInputs.Pattern(8, 8);
        var header = OverlayInputs.WithOverlay(OverlayInputs.Header(), 0x6000, 8, 8, 1, 1, OverlayInputs.Pack(bits));
        var min = Enumerable.Range(0, image.Width * image.Height).Min(i => image[i % image.Width, i / image.Width]);

        var result = new Anonymizer(ocr).Anonymize(OverlayInputs.Dicom(image, header, photometric: "MONOCHROME1"), BasicBurn, Key);

        using var file = DicomFile.Read(result.Output);
        var frame = new PixelDataDecoder(file).DecodeFrame(0);
        Assert.Equal("MONOCHROME1", file.Dataset.GetString(DicomTags.PhotometricInterpretation));
        for (var y = 0; y < 8; y++)
        {
            for (var x = 0; x < 8; x++)
            {
                Assert.Equal(bits[y, x] ? min : image[x, y], frame.GetSample(x, y));
            }
        }
    }

    [Fact]
    public void BurnOverlays_WithAWindowAboveTheData_DrawsAValueTheWindowShowsWhite()
    {
        var image = OverlayInputs.Gradient();
        var header = OverlayInputs.WithOverlay(OverlayInputs.Header(), 0x6000, 4, 4, 1, 1, OverlayInputs.Pack(OverlayInputs.Pattern(4, 4)));
        header.AddOrUpdate(DicomTags.WindowCenter, DicomVR.DS, "3000");
        header.AddOrUpdate(DicomTags.WindowWidth, DicomVR.DS, "1000");

        var result = new Anonymizer(ocr).Anonymize(OverlayInputs.Dicom(image, header), BasicBurn, Key);

        using var file = DicomFile.Read(result.Output);
        var burned = new PixelDataDecoder(file).DecodeFrame(0).GetSample(0, 0);

        // PS3.3 C.11.2.1.2.1: ((x - (c - 0.5)) / (w - 1) + 0.5) reaches 1 at x = 3499 and is clamped above; the frame's
        // data ends near 1400, so the nearest white value is 3499 (the 8-bit view rounds 3498 to 255 too: not chosen).
        Assert.Equal(3499, burned);
    }

    [Fact]
    public void BurnOverlays_EmbeddedInHighBits_DrawsThemAndClearsEveryBitAboveHighBit()
    {
        var image = OverlayInputs.Gradient();
        var header = OverlayInputs.WithEmbeddedOverlay(OverlayInputs.Header(), 0x6000, image.Height, image.Width, bit: 15);
        static bool Set(int x, int y) => (x + y) % 9 == 0;

        // Bit 15 carries the overlay; bit 13 is garbage no plane names, cleared all the same.
        var input = OverlayInputs.Dicom(image, header, setBits: (x, y) => (Set(x, y) ? 1 << 15 : 0) | (x == 3 ? 1 << 13 : 0));
        var max = Enumerable.Range(0, image.Width * image.Height).Max(i => image[i % image.Width, i / image.Width]);

        var result = new Anonymizer(ocr).Anonymize(input, BasicBurn, Key);

        using var file = DicomFile.Read(result.Output);
        var raw = ((DicomValueElement)file.Dataset[DicomTags.PixelData]!).Data.ToArray();
        Assert.Equal(11, file.Dataset.GetOrDefault(DicomTags.HighBit, 0));
        for (var y = 0; y < image.Height; y++)
        {
            for (var x = 0; x < image.Width; x++)
            {
                var word = raw[2 * ((y * image.Width) + x)] | (raw[(2 * ((y * image.Width) + x)) + 1] << 8);
                Assert.Equal(0, word >> 12);
                Assert.Equal(Set(x, y) ? max : image[x, y], word);
            }
        }

        Assert.Equal("pixel-data-bit-15", Assert.Single(result.Report.Overlays!).Source);
        Assert.DoesNotContain(file.Dataset, e => e.Tag.Group is >= 0x6000 and <= 0x60FF);
    }

    [Fact]
    public void BurnOverlays_MultiFrameOverlay_GoesOnTheFramesFromImageFrameOrigin()
    {
        var image = OverlayInputs.Gradient(32, 24);
        var first = OverlayInputs.Pattern(24, 32, seed: 0);
        var second = OverlayInputs.Pattern(24, 32, seed: 2);
        var header = OverlayInputs.WithOverlay(OverlayInputs.Header(), 0x6000, 24, 32, 1, 1, OverlayInputs.Pack(first, second), frames: 2, imageFrameOrigin: 2);
        var max = Enumerable.Range(0, image.Width * image.Height).Max(i => image[i % image.Width, i / image.Width]);

        var result = new Anonymizer(ocr).Anonymize(OverlayInputs.Dicom(image, header, frames: 3), BasicBurn, Key);

        using var file = DicomFile.Read(result.Output);
        var decoder = new PixelDataDecoder(file);
        bool[,]?[] expected = [null, first, second];
        for (var f = 0; f < 3; f++)
        {
            var frame = decoder.DecodeFrame(f);
            for (var y = 0; y < image.Height; y++)
            {
                for (var x = 0; x < image.Width; x++)
                {
                    Assert.Equal(expected[f]?[y, x] == true ? max : image[x, y], frame.GetSample(x, y));
                }
            }
        }

        Assert.Equal(2, Assert.Single(result.Report.Overlays!).Frames);
    }

    [Fact]
    public void BurnOverlays_PartlyOutsideTheImage_IsClipped()
    {
        var image = OverlayInputs.Gradient(40, 30);
        var all = new bool[20, 20];
        for (var r = 0; r < 20; r++)
        {
            for (var c = 0; c < 20; c++)
            {
                all[r, c] = true;
            }
        }

        // Origin -4\31: rows -5..14 and columns 30..49 (0-based), so rows 0..14 and columns 30..39 are on the image.
        var header = OverlayInputs.WithOverlay(OverlayInputs.Header(), 0x6000, 20, 20, -4, 31, OverlayInputs.Pack(all));
        var max = Enumerable.Range(0, image.Width * image.Height).Max(i => image[i % image.Width, i / image.Width]);

        var result = new Anonymizer(ocr).Anonymize(OverlayInputs.Dicom(image, header), BasicBurn, Key);

        using var file = DicomFile.Read(result.Output);
        var frame = new PixelDataDecoder(file).DecodeFrame(0);
        for (var y = 0; y < image.Height; y++)
        {
            for (var x = 0; x < image.Width; x++)
            {
                Assert.Equal(y <= 14 && x >= 30 ? max : image[x, y], frame.GetSample(x, y));
            }
        }
    }

    [Fact]
    public void BurnOverlays_ProfileSwitchFromConfiguration_BurnsEvenWhenAnOverrideKeepsOverlayData()
    {
        var profiles = ProfileConfiguration.Parse("""
            { "profiles": { "keep-then-burn": { "base": "basic", "burnOverlays": true, "overrides": { "(6000,3000)": "K" } } } }
            """);
        Assert.True(profiles.Get("keep-then-burn").BurnOverlays);
        var image = OverlayInputs.Gradient();
        var header = OverlayInputs.WithOverlay(OverlayInputs.Header(), 0x6000, 4, 4, 1, 1, OverlayInputs.Pack(OverlayInputs.Pattern(4, 4)));

        var result = new Anonymizer(ocr, profiles).Anonymize(OverlayInputs.Dicom(image, header), new AnonymizeOptions { Profile = "keep-then-burn" }, Key);

        using var file = DicomFile.Read(result.Output);
        Assert.DoesNotContain(file.Dataset, e => e.Tag.Group is >= 0x6000 and <= 0x60FF);
        Assert.Single(result.Report.Overlays!);
    }

    [Fact]
    public void FoamedWithBurnOverlays_TextDrawnInAnOverlay_IsFoundAndRedacted()
    {
        // A clean radiograph (no burned-in text) whose overlay carries the patient's name.
        var image = SyntheticData.RadiographGenerator.Generate(7, new SyntheticData.GeneratorOptions { Width = 640, Height = 480, BitsStored = 12, MinTextLines = 0, MaxTextLines = 0 }).Image;
        var canvas = GrayImage.Create8(560, 60);
        SyntheticData.SyntheticFiles.BurnText(canvas, PipelineInputs.BurnedName, 4, 10, 30, backing: false, antialiased: false);
        var bits = new bool[60, 560];
        for (var r = 0; r < 60; r++)
        {
            for (var c = 0; c < 560; c++)
            {
                bits[r, c] = canvas[c, r] > 128;
            }
        }

        Assert.Contains(bits.Cast<bool>(), b => b); // the overlay really holds glyphs
        var header = OverlayInputs.WithOverlay(OverlayInputs.Header(), 0x6000, 60, 560, 21, 31, OverlayInputs.Pack(bits));
        var input = OverlayInputs.Dicom(image, header);

        var burned = new Anonymizer(ocr).Anonymize(input, new AnonymizeOptions { BurnOverlays = true }, Key);
        var plain = new Anonymizer(ocr).Anonymize(input, new AnonymizeOptions(), Key);
        output.WriteLine(ProvenanceJson.Serialize(burned.Report));

        // The cleaner saw the overlay's text: a redacted region over the overlay's box (rows 20..79, columns 30..589).
        Assert.Contains(burned.Report.Pixels!.Regions, r => r.Action == "redacted" && r.X < 590 && r.X + r.Width > 30 && r.Y < 80 && r.Y + r.Height > 20);
        Assert.DoesNotContain(plain.Report.Pixels!.Regions, r => r.Action == "redacted" && r.X < 590 && r.X + r.Width > 30 && r.Y < 80 && r.Y + r.Height > 20);
        Assert.True(burned.Report.PixelsCleaned);
        using var file = DicomFile.Read(burned.Output);
        Assert.Equal("NO", file.Dataset.GetString(DicomTags.BurnedInAnnotation));
        var frame = new PixelDataDecoder(file).DecodeFrame(0);
        var view = new byte[frame.Columns * frame.Rows];
        var top = Enumerable.Range(0, view.Length).Max(i => frame.GetSample(i % frame.Columns, i / frame.Columns));
        for (var i = 0; i < view.Length; i++)
        {
            view[i] = (byte)(frame.GetSample(i % frame.Columns, i / frame.Columns) * 255 / Math.Max(1, top));
        }

        var words = ocr.Recognize(view, frame.Columns, frame.Rows, frame.Columns, OcrMode.SparseText).Select(w => w.Text).ToList();
        Assert.DoesNotContain(words, w => w.Contains("ALSKI", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("short-data")]
    [InlineData("outside")]
    [InlineData("absurd-size")]
    [InlineData("frames-beyond-image")]
    [InlineData("embedded-in-stored-bits")]
    [InlineData("no-size")]
    public void BurnOverlays_HostilePlanes_AreInvalidDicom_Quickly(string kind)
    {
        var image = OverlayInputs.Gradient();
        var header = OverlayInputs.Header();
        _ = kind switch
        {
            "short-data" => OverlayInputs.WithOverlay(header, 0x6000, 64, 96, 1, 1, new byte[100]),
            "outside" => OverlayInputs.WithOverlay(header, 0x6000, 8, 8, 65, 1, new byte[8]),
            "absurd-size" => OverlayInputs.WithOverlay(header, 0x6000, 65535, 65535, 1, 1, new byte[64]),
            "frames-beyond-image" => OverlayInputs.WithOverlay(header, 0x6000, 8, 8, 1, 1, new byte[80], frames: 10, imageFrameOrigin: 1),
            "embedded-in-stored-bits" => OverlayInputs.WithEmbeddedOverlay(header, 0x6000, image.Height, image.Width, bit: 4),
            _ => Remove(OverlayInputs.WithOverlay(header, 0x6000, 8, 8, 1, 1, new byte[8]), new DicomTag(0x6000, 0x0010)),
        };
        var input = OverlayInputs.Dicom(image, header);
        var clock = Stopwatch.StartNew();

        var ex = Assert.Throws<InvalidDicomException>(() => new Anonymizer(ocr).Anonymize(input, BasicBurn, Key));

        Assert.StartsWith("overlay group 6000", ex.Message, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");

        // Without the option the same file is de-identified as before: the groups are removed, nothing is read.
        var plain = new Anonymizer(ocr).Anonymize(input, new AnonymizeOptions { Profile = "basic" }, Key);
        using var file = DicomFile.Read(plain.Output);
        Assert.DoesNotContain(file.Dataset, e => e.Tag.Group is >= 0x6000 and <= 0x60FF);
    }

    [Fact]
    public void BurnOverlays_EmptyOverlayGroup_IsRemovedWithNothingBurned()
    {
        var image = OverlayInputs.Gradient();
        var header = OverlayInputs.Header();
        header.AddOrUpdate(new DicomTag(0x6000, 0x0040), DicomVR.CS, string.Empty);
        var input = OverlayInputs.Dicom(image, header);

        var result = new Anonymizer(ocr).Anonymize(input, BasicBurn, Key);

        using var before = DicomFile.Read(input);
        using var file = DicomFile.Read(result.Output);
        Assert.DoesNotContain(file.Dataset, e => e.Tag.Group is >= 0x6000 and <= 0x60FF);
        Assert.Null(result.Report.Overlays);
        Assert.Equal(((DicomValueElement)before.Dataset[DicomTags.PixelData]!).Data.ToArray(), ((DicomValueElement)file.Dataset[DicomTags.PixelData]!).Data.ToArray());
    }

    private static DicomDataset Remove(DicomDataset ds, DicomTag tag)
    {
        ds.Remove(tag);
        return ds;
    }

    private static List<string> SchemaProblems(string json)
    {
        var schemaPath = Path.Combine(TestSupport.Repository.Root, "schemas", "provenance-v1.json");
        using var schema = JsonDocument.Parse(File.ReadAllText(schemaPath));
        using var doc = JsonDocument.Parse(json);
        return SchemaCheck.Problems(schema.RootElement, schema.RootElement, doc.RootElement, "$").ToList();
    }
}
