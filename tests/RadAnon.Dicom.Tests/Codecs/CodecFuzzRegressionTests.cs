using RadAnon.Dicom.Codecs;

namespace RadAnon.Dicom.Tests.Codecs;

/// <summary>Inputs the codec fuzz targets (fuzz/RadAnon.Fuzz, `jpeg`, `rle`, `jpegls`, `j2k`) found, crafted small.</summary>
public sealed class CodecFuzzRegressionTests
{
    /// <summary>
    /// The fuzzer's `jpeg` target found a scan header whose 4-bit Huffman table selector was used as an index into
    /// the four table slots: selector 15 threw IndexOutOfRangeException, and an AC selector of 4-15 was masked to 0-3,
    /// silently decoding with another table.
    /// </summary>
    [Theory]
    [InlineData(0xC0, 0xF0, "DC Huffman table 15")] // baseline, DC selector 15
    [InlineData(0xC0, 0x04, "AC Huffman table 4")] // baseline, AC selector 4 (was read as table 0)
    [InlineData(0xC1, 0x50, "DC Huffman table 5")] // extended
    [InlineData(0xC3, 0xF0, "DC Huffman table 15")] // lossless
    public void Decode_ScanSelectingAHuffmanTablePastTheFourSlots_IsRejected(byte sof, byte selectors, string expected)
    {
        var description = RleCodecTests.Describe(8, 8, 1, 8, false);
        var decoder = FrameCodecs.GetDecoder(TransferSyntax.Lookup(TransferSyntax.JpegBaselineUid));

        var e = Assert.Throws<InvalidDicomException>(() => decoder.Decode(TinyJpeg(sof, selectors), description, new byte[description.DecodedFrameLength]));

        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    /// <summary>An 8x8 8-bit single-component JPEG with one quantisation table and DC and AC Huffman tables 0.</summary>
    private static byte[] TinyJpeg(byte sof, byte selectors)
    {
        var lossless = sof == 0xC3;
        byte[] huffman = [0xFF, 0xC4, 0, 38, // DHT: class 0 id 0 and class 1 id 0, one 1-bit code each (value 0)
            0x00, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
            0x10, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
        byte[] scan = lossless
            ? [0xFF, 0xDA, 0, 8, 1, 1, selectors, 1, 0, 0] // predictor 1, Se 0, Ah/Al 0
            : [0xFF, 0xDA, 0, 8, 1, 1, selectors, 0, 63, 0];
        var quantization = new byte[4 + 1 + 64];
        quantization.AsSpan().Fill(1);
        quantization[0] = 0xFF;
        quantization[1] = 0xDB;
        quantization[2] = 0;
        quantization[3] = 67;
        quantization[4] = 0;
        return [0xFF, 0xD8, .. quantization, 0xFF, sof, 0, 11, 8, 0, 8, 0, 8, 1, 1, 0x11, 0, .. huffman, .. scan, 0x00, 0x00, 0xFF, 0xD9];
    }
}
