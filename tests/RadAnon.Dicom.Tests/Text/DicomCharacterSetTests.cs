using RadAnon.Dicom.Data;
using RadAnon.Dicom.Text;

namespace RadAnon.Dicom.Tests.Text;

/// <summary>Encoding then decoding a value under a Specific Character Set gives the same text back.</summary>
public sealed class DicomCharacterSetTests
{
    [Theory]
    [InlineData(new[] { "", "ISO 2022 IR 87" }, "Yamada^Tarou=山田^太郎=やまだ^たろう")]
    [InlineData(new[] { "", "ISO 2022 IR 149" }, "Hong^Gildong=洪^吉洞=홍^길동")]
    [InlineData(new[] { "", "ISO 2022 IR 58" }, "Zhang^XiaoDong=张^小东")]
    [InlineData(new[] { "ISO 2022 IR 13", "ISO 2022 IR 87" }, "ﾔﾏﾀﾞ^ﾀﾛｳ=山田^太郎")]
    [InlineData(new[] { "ISO_IR 192" }, "Buc^Jérôme=Διονυσιος")]
    [InlineData(new[] { "ISO_IR 100" }, "Äneas^Rüdiger")]
    [InlineData(new[] { "GB18030" }, "Wang^XiaoDong=王^小東")]
    public void EncodeThenDecode_GivesTheSameText(string[] terms, string text)
    {
        var charset = DicomCharacterSet.FromTerms(terms);

        var bytes = charset.Encode(text, DicomVR.PN);

        Assert.Equal(text, charset.Decode(bytes, DicomVR.PN));
    }

    [Fact]
    public void Encode_Iso2022_SwitchesBackToAsciiBeforeEveryComponentDelimiter()
    {
        var charset = DicomCharacterSet.FromTerms(["", "ISO 2022 IR 87"]);

        var bytes = charset.Encode("山田^太郎", DicomVR.PN);

        // ESC ( B must precede each '^' so that readers find the delimiter in the default repertoire.
        var caret = Array.IndexOf(bytes, (byte)'^');
        Assert.True(caret >= 3);
        Assert.Equal(new byte[] { 0x1B, (byte)'(', (byte)'B' }, bytes[(caret - 3)..caret]);
    }
}
