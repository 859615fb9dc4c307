using RadAnon.Core.Ocr;
using RadAnon.Core.Pixels.Text;

namespace RadAnon.Core.Tests.Pixels;

/// <summary>
/// What verification counts as identifying text still readable after redaction: header values (also short ones), dates,
/// times, IDs and confident name-like words of four letters or more; not two- or three-letter fragments that match
/// nothing (ultrasound labels such as "Frq", OCR noise read off a smooth fill).
/// </summary>
public sealed class TextClassifierResidualTests
{
    private readonly TextClassifier _classifier = new(new HeaderValueMatcher(["LEE^ANNA", "12345678", "ST MARY HOSPITAL"]), TextCleaningOptions.DefaultMarkers, 55);

    [Theory]
    [InlineData("LEE", 60)] // a three-letter surname from the header
    [InlineData("12345678", 60)] // the patient ID
    [InlineData("03/04/1971", 60)] // any date
    [InlineData("14:05", 60)] // any time
    [InlineData("A1234567", 60)] // an ID-like token not in the header
    [InlineData("JOHNSON", 75)] // a confident name-like word
    public void IsResidual_IdentifyingWord_Counts(string text, float confidence)
    {
        Assert.True(_classifier.IsResidual(text, confidence));
    }

    [Theory]
    [InlineData("Frq", 95)]
    [InlineData("AO", 77)]
    [InlineData("es", 58)]
    [InlineData("att", 57)]
    [InlineData("JOHNSON", 60)] // name-like but not confident enough on its own
    [InlineData("L", 96)] // a marker
    [InlineData("cm", 90)] // a unit
    [InlineData("12345678", 40)] // below the engine's confidence floor
    public void IsResidual_FragmentOrClinicalWord_DoesNotCount(string text, float confidence)
    {
        Assert.False(_classifier.IsResidual(text, confidence));
    }

    [Fact]
    public void CountResidual_MultiWordHeaderValueReadAcrossWords_CountsEveryWord()
    {
        // "ST", "MARY" and "HOSPITAL" would each pass as fragments or vocabulary; together they are the institution.
        var words = new[] { Word("ST", 70), Word("MARY", 62), Word("HOSPITAL", 80) };

        Assert.Equal(3, _classifier.CountResidual(words));
    }

    [Fact]
    public void CountResidual_NoiseOnly_IsZero()
    {
        Assert.Equal(0, _classifier.CountResidual([Word("es", 58), Word("-", 64), Word("BID", 62)]));
    }

    private static OcrWord Word(string text, float confidence) => new(text, 0, 0, 10, 10, confidence);
}
