using System.IO.Compression;
using RadAnon.Dicom.Data;
using RadAnon.Dicom.Pixels;
using RadAnon.Dicom.Reading;

namespace RadAnon.Dicom.Tests.Reading;

public sealed class HostileInputTests
{
    [Fact]
    public void Read_LengthOf2Pow32Minus2_IsRejectedWithOffset()
    {
        var bytes = RawDicom.Part10().Explicit(0x0010, 0x0010, "UT", [], declaredLength: 0xFFFFFFFE).ToArray();
        var ex = Assert.Throws<InvalidDicomException>(() => DicomFile.Read(bytes));
        Assert.Contains("(0010,0010) length 4294967294 exceeds the remaining", ex.Message, StringComparison.Ordinal);
        Assert.Equal(bytes.Length - 12, ex.Offset);
    }

    [Fact]
    public void Read_SequencesNestedBeyondLimit_IsRejectedWithoutStackOverflow()
    {
        const int depth = 100_000;
        var raw = RawDicom.Part10();
        for (var i = 0; i < depth; i++)
        {
            raw.Explicit(0x0040, 0xA730, "SQ", [], declaredLength: 0xFFFFFFFF).TagAndLength(0xFFFE, 0xE000, 0xFFFFFFFF);
        }

        var ex = Assert.Throws<InvalidDicomException>(() => DicomFile.Read(raw.ToArray()));
        Assert.Contains("MaxNestingDepth", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NestingWithinConfiguredLimit_IsAccepted()
    {
        var raw = RawDicom.Part10();
        for (var i = 0; i < 10; i++)
        {
            raw.Explicit(0x0040, 0xA730, "SQ", [], declaredLength: 0xFFFFFFFF).TagAndLength(0xFFFE, 0xE000, 0xFFFFFFFF);
        }

        for (var i = 0; i < 10; i++)
        {
            raw.TagAndLength(0xFFFE, 0xE00D, 0).TagAndLength(0xFFFE, 0xE0DD, 0);
        }

        var file = DicomFile.Read(raw.ToArray(), new DicomReadOptions { MaxNestingDepth = 10 });
        Assert.IsType<DicomSequence>(file.Dataset[new DicomTag(0x0040, 0xA730)]);
        Assert.Throws<InvalidDicomException>(() => DicomFile.Read(raw.ToArray(), new DicomReadOptions { MaxNestingDepth = 9 }));
    }

    [Fact]
    public void Read_PixelDataAboveConfiguredLimit_IsRejectedBeforeAllocation()
    {
        var raw = RawDicom.Part10().UInt16Value(0x0028, 0x0010, 65535).UInt16Value(0x0028, 0x0011, 65535)
            .Explicit(0x7FE0, 0x0010, "OW", new byte[4096]);
        var ex = Assert.Throws<InvalidDicomException>(() => DicomFile.Read(raw.ToArray(), new DicomReadOptions { MaxPixelDataBytes = 1024 }));
        Assert.Contains("MaxPixelDataBytes", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_DeclaredImageLargerThanPixelData_IsRejected()
    {
        var raw = RawDicom.Part10().UInt16Value(0x0028, 0x0002, 1).Explicit(0x0028, 0x0004, "CS", "MONOCHROME2")
            .UInt16Value(0x0028, 0x0010, 65535).UInt16Value(0x0028, 0x0011, 65535)
            .UInt16Value(0x0028, 0x0100, 16).UInt16Value(0x0028, 0x0101, 16).UInt16Value(0x0028, 0x0102, 15)
            .Explicit(0x7FE0, 0x0010, "OW", new byte[64]);
        var file = DicomFile.Read(raw.ToArray());
        Assert.Throws<InvalidDicomException>(() => new PixelDataDecoder(file).DecodeFrame(0));
    }

    [Fact]
    public void Read_MillionTinyElements_IsBoundedByMaxElements()
    {
        var raw = RawDicom.Part10();
        for (ushort g = 0x0009; g < 0x0009 + 2 * 16; g += 2)
        {
            raw.Explicit(g, 0x0010, "LO", "CREATOR ");
            for (var e = 0x1000; e <= 0xFFFF; e++)
            {
                raw.Explicit(g, (ushort)e, "UN", []);
            }
        }

        var bytes = raw.ToArray();
        var ex = Assert.Throws<InvalidDicomException>(() => DicomFile.Read(bytes, new DicomReadOptions { MaxElements = 500_000 }));
        Assert.Contains("MaxElements", ex.Message, StringComparison.Ordinal);
        Assert.True(DicomFile.Read(bytes).Dataset.Count > 900_000, "a million elements are read within the default limit");
    }

    [Fact]
    public void Read_DeflateBomb_IsRejectedAtTheInflateLimit()
    {
        using var compressed = new MemoryStream();
        using (var deflate = new DeflateStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            var header = new RawDicom().Explicit(0x0009, 0x0010, "LO", "BOMB").Explicit(0x0009, 0x1000, "OB", [], declaredLength: 64 << 20).ToArray();
            deflate.Write(header);
            var zeros = new byte[1 << 20];
            for (var i = 0; i < 64; i++)
            {
                deflate.Write(zeros);
            }
        }

        var bytes = RawDicom.Part10(TransferSyntax.DeflatedExplicitVRLittleEndianUid).Bytes(compressed.ToArray()).ToArray();
        Assert.True(bytes.Length < 200_000, "the bomb is small on disk");
        var ex = Assert.Throws<InvalidDicomException>(() => DicomFile.Read(bytes, new DicomReadOptions { MaxInflatedBytes = 8 << 20 }));
        Assert.Contains("MaxInflatedBytes", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("PNG")]
    [InlineData("JPEG")]
    [InlineData("TEXT")]
    [InlineData("EMPTY")]
    public void Read_FileThatIsNotDicom_IsRejected(string kind)
    {
        byte[] bytes = kind switch
        {
            "PNG" => [0x89, .. "PNG\r\n\u001a\n"u8, .. new byte[200]],
            "JPEG" => [0xFF, 0xD8, 0xFF, 0xE0, .. new byte[300]],
            "TEXT" => "Patient list: this is not an image, just text that goes on for a while."u8.ToArray(),
            _ => [],
        };
        var ex = Assert.Throws<InvalidDicomException>(() => DicomFile.Read(bytes));
        Assert.Contains("not a DICOM file", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_WrongMagicAtOffset128_IsRejected()
    {
        var bytes = RawDicom.Part10().UInt16Value(0x0028, 0x0010, 4).ToArray();
        bytes[130] = (byte)'X';
        bytes[0] = 0xFF;
        Assert.Throws<InvalidDicomException>(() => DicomFile.Read(bytes));
    }
}
