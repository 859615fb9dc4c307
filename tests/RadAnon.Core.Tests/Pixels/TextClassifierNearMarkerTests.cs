using RadAnon.Core.Ocr;
using RadAnon.Core.Pixels.Text;

namespace RadAnon.Core.Tests.Pixels;

/// <summary>
/// Which readings earn a second look at their ink value: one or two words a character or two from an allowlisted marker
/// (misreadings of a marker across a collimation edge), never names or longer lines.
/// </summary>
public sealed class TextClassifierNearMarkerTests
{
    private readonly TextClassifier _classifier = new(new HeaderValueMatcher(["DOE^JOHN"]), TextCleaningOptions.DefaultMarkers, 55);

    [Theory]
    [InlineData("LAI")] // LAT with the right arm of its T lost
    [InlineData("-AT")] // LAT with its L lost
    [InlineData("PORTAE")] // PORTABLE, two letters lost
    [InlineData("F")] // R misread: every single letter is one step from L and R
    [InlineData("SUPlNE")] // SUPINE with a lower-case l
    public void IsNearMarker_MisreadMarker_IsTrue(string text)
    {
        Assert.True(_classifier.IsNearMarker([Word(text)]));
    }

    [Theory]
    [InlineData("SMITH")]
    [InlineData("GARCIA")]
    [InlineData("HOSPITAL")]
    [InlineData("12345678")] // no letters at all
    public void IsNearMarker_OtherWord_IsFalse(string text)
    {
        Assert.False(_classifier.IsNearMarker([Word(text)]));
    }

    [Fact]
    public void IsNearMarker_ThreeWords_IsFalse()
    {
        Assert.False(_classifier.IsNearMarker([Word("L"), Word("A"), Word("T")]));
    }

    [Theory]
    [InlineData("LAT", "LAT", 0)]
    [InlineData("LAI", "LAT", 1)]
    [InlineData("PORTAE", "PORTABLE", 2)]
    [InlineData("", "ERECT", 5)]
    [InlineData("KITTEN", "SITTING", 3)]
    public void EditDistance_MatchesLevenshtein(string a, string b, int expected)
    {
        Assert.Equal(expected, TextClassifier.EditDistance(a, b));
    }

    private static OcrWord Word(string text) => new(text, 0, 0, 10, 10, 90);
}
