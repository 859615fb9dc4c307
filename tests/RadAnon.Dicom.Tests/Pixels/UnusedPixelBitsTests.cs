using System.Buffers.Binary;
using RadAnon.Dicom.Pixels;

namespace RadAnon.Dicom.Tests; // not .Pixels: that would shadow RadAnon.Dicom.Pixels in the other tests

public sealed class UnusedPixelBitsTests
{
    private static PixelDescription Layout(int bitsAllocated, int bitsStored, int highBit, bool signed = false) => new()
    {
        Rows = 1,
        Columns = 1,
        BitsAllocated = bitsAllocated,
        BitsStored = bitsStored,
        HighBit = highBit,
        PixelRepresentation = signed ? 1 : 0,
    };

    private static byte[] Words16(params ushort[] words)
    {
        var bytes = new byte[words.Length * 2];
        for (var i = 0; i < words.Length; i++)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(i * 2), words[i]);
        }

        return bytes;
    }

    private static ushort[] Read16(byte[] bytes) => [.. Enumerable.Range(0, bytes.Length / 2).Select(i => BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(i * 2)))];

    [Fact]
    public void Unsigned_OverlayBitsAboveHighBit_AreCleared_StoredValuesKept_AcrossTheVectorTail()
    {
        // 100 words: vector blocks and a scalar tail; an overlay bit (15) and another (12) in a few of them.
        var words = Enumerable.Range(0, 100).Select(i => (ushort)(i * 37 % 4096)).ToArray();
        words[3] |= 0x8000;
        words[64] |= 0x1000;
        words[99] |= 0x9000;
        var result = UnusedPixelBits.Normalize(Words16(words), Layout(16, 12, 11));
        Assert.NotNull(result);
        Assert.Equal(3, result.Value.ChangedWords);
        Assert.Equal(words.Select(w => (ushort)(w & 0x0FFF)), Read16(result.Value.Data));
    }

    [Fact]
    public void NothingOutsideTheStoredBits_ReturnsNull_AndFullWidthLayoutsAreNotScanned()
    {
        Assert.Null(UnusedPixelBits.Normalize(Words16([.. Enumerable.Range(0, 70).Select(i => (ushort)(i * 61 % 4096))]), Layout(16, 12, 11)));
        Assert.Null(UnusedPixelBits.Normalize(Words16(0xFFFF, 0x8000), Layout(16, 16, 15)));
    }

    [Fact]
    public void Signed_ClearOrSignExtendedHighBits_AreLeftAlone_AnythingElseBecomesTheSignExtension()
    {
        // 12-bit -1 stored both ways (0x0FFF and 0xFFFF), +5 both clear; then the same values with stray high bits.
        Assert.Null(UnusedPixelBits.Normalize(Words16(0x0FFF, 0xFFFF, 0x0005, 0xF800), Layout(16, 12, 11, signed: true)));
        var result = UnusedPixelBits.Normalize(Words16(0x0FFF, 0x1FFF, 0x8005, 0xFFFF), Layout(16, 12, 11, signed: true));
        Assert.NotNull(result);
        Assert.Equal(2, result.Value.ChangedWords);
        Assert.Equal([0x0FFF, 0xFFFF, 0x0005, 0xFFFF], Read16(result.Value.Data));
    }

    [Fact]
    public void BitsBelowTheStoredBits_AreCleared_WhenHighBitIsNotBitsStoredMinusOne()
    {
        // Stored bits 4-15 (BitsStored 12, HighBit 15): bits 0-3 are unused.
        var result = UnusedPixelBits.Normalize(Words16(0xABC0, 0xABC7, 0x0001), Layout(16, 12, 15));
        Assert.NotNull(result);
        Assert.Equal([0xABC0, 0xABC0, 0x0000], Read16(result.Value.Data));
    }

    [Fact]
    public void EightBitWords_OddTrailingByteOfSixteenBitData_IsLeftAsIs()
    {
        var eight = UnusedPixelBits.Normalize([0x7F, 0x80, 0xC1], Layout(8, 7, 6));
        Assert.NotNull(eight);
        Assert.Equal(new byte[] { 0x7F, 0x00, 0x41 }, eight.Value.Data);

        var odd = UnusedPixelBits.Normalize([0x01, 0x80, 0xFF], Layout(16, 12, 11));
        Assert.NotNull(odd);
        Assert.Equal(new byte[] { 0x01, 0x00, 0xFF }, odd.Value.Data);
    }
}
