using RadAnon.Core.Ocr;
using RadAnon.Core.Pixels.Text;

namespace RadAnon.Core.Tests.Pixels;

/// <summary>A line shaped like a measurement is believed at a lower OCR confidence than free text; nothing else is.</summary>
public sealed class TextClassifierMeasurementTests
{
    private readonly TextClassifier _classifier = new(new HeaderValueMatcher(["SMITH^JOHN", "12345678"]), TextCleaningOptions.DefaultMarkers, 55);

    [Theory]
    [InlineData("12.5", "cm")]
    [InlineData("40", "mm")]
    [InlineData("120", "kV")]
    public void Classify_LowConfidenceMeasurement_IsOtherText(string number, string unit)
    {
        var (category, _) = _classifier.Classify([Word(number, 44), Word(unit, 44)]);

        Assert.Equal(TextCategory.OtherText, category);
    }

    [Fact]
    public void Classify_LowConfidenceWord_StaysUnreadable()
    {
        Assert.Equal(TextCategory.Unreadable, _classifier.Classify([Word("JOHNSON", 44)]).Category);
    }

    [Fact]
    public void Classify_MeasurementBelowTheFloor_StaysUnreadable()
    {
        Assert.Equal(TextCategory.Unreadable, _classifier.Classify([Word("12.5", 20), Word("cm", 20)]).Category);
    }

    [Fact]
    public void Classify_NumberThatIsAHeaderValue_IsNotAMeasurement()
    {
        Assert.NotEqual(TextCategory.OtherText, _classifier.Classify([Word("12345678", 90)]).Category);
    }

    private static OcrWord Word(string text, float confidence) => new(text, 0, 0, 10, 10, confidence);
}
