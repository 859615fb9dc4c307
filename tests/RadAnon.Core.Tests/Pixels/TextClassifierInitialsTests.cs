using RadAnon.Core.Ocr;
using RadAnon.Core.Pixels.Text;

namespace RadAnon.Core.Tests.Pixels;

/// <summary>
/// A projection marker that happens to be the patient's initials (PA for PATEL^AIKO) stays a marker; the same letters
/// as any other header value (a surname, an ID fragment) still match the header.
/// </summary>
public sealed class TextClassifierInitialsTests
{
    [Fact]
    public void ClassifyWord_MarkerThatIsOnlyTheInitials_IsAMarker()
    {
        var classifier = Classifier("PATEL^AIKO");

        Assert.Equal(TextCategory.Marker, classifier.ClassifyWord("PA"));
        Assert.Equal(TextCategory.Marker, classifier.Classify([Word("PA")]).Category);
    }

    [Fact]
    public void ClassifyWord_InitialsThatAreNoMarker_StillMatchTheHeader()
    {
        // KA, the initials of ANNA KOWALSKI, is no marker: a header match as before.
        Assert.Equal(TextCategory.HeaderMatch, Classifier("KOWALSKI^ANNA").ClassifyWord("KA"));
        Assert.Equal(TextCategory.HeaderMatch, Classifier("DOE^JOHN").ClassifyWord("JD"));
    }

    [Fact]
    public void ClassifyWord_MarkerThatIsAWholeNamePart_MatchesTheHeader()
    {
        // A family name that is also a marker word is the name here: it came from the header, not from initials.
        Assert.Equal(TextCategory.HeaderMatch, Classifier("PA^JOHN").ClassifyWord("PA"));
        Assert.True(new HeaderValueMatcher(["PATEL^AIKO"]).IsInitialsOnly("pa"));
        Assert.False(new HeaderValueMatcher(["PA^JOHN"]).IsInitialsOnly("PA"));
        Assert.False(new HeaderValueMatcher(["PATEL^AIKO"]).IsInitialsOnly("PATEL"));
    }

    [Fact]
    public void Classify_InitialsMarkerBesideTheName_IsStillTheName()
    {
        var (category, _) = Classifier("PATEL^AIKO").Classify([Word("PA"), Word("PATEL")]);

        Assert.Equal(TextCategory.HeaderMatch, category);
    }

    private static TextClassifier Classifier(string name) => new(new HeaderValueMatcher([name]), TextCleaningOptions.DefaultMarkers, 55);

    private static OcrWord Word(string text) => new(text, 0, 0, 10, 10, 92);
}
