using RadAnon.Core.Pixels.Text;
using RadAnon.SyntheticData;
using Xunit.Abstractions;

namespace RadAnon.Core.Tests.Pixels.Text;

/// <summary>
/// Cases from seed ranges nothing had been tuned on (701–748, 801–832 in unseen fonts, 901–948), each of which left an
/// identifying line readable or painted a marker, held to the fix: every identifying box painted, or every marker kept.
/// (Seeds 812 and 909 still lose markers to the lines beside them: not what these cases hold.)
/// </summary>
public sealed class NeverSeenSeedLeakTests : IClassFixture<OcrFixture>
{
    private readonly OcrFixture fixture;
    private readonly ITestOutputHelper output;

    public NeverSeenSeedLeakTests(OcrFixture fixture, ITestOutputHelper output)
    {
        this.fixture = fixture;
        this.output = output;
    }

    /// <param name="seed">The generator seed.</param>
    /// <param name="bits">Bits stored, as the eval sets use them (odd seeds 8, even 12).</param>
    /// <param name="unseenFonts">Drawn in the fonts nothing was tuned on.</param>
    /// <param name="what">What was left readable before.</param>
    [Theory]
    [InlineData(738, 12, false, "a 7-px light date running onto a bright border, its found end already on the step: the year")]
    [InlineData(812, 12, true, "a dark date on a white strip, folded into the coarse scale's non-uniform 'glyph' of dark field between two strips and dropped with it")]
    [InlineData(909, 8, false, "the last digits of a rotated light ID past a horizontal line crossing it, a lone blob read as nothing")]
    public void Clean_CaseThatLeaked_RemovesEveryIdentifyingBox(int seed, int bits, bool unseenFonts, string what)
    {
        var score = Score(seed, bits, unseenFonts, what);

        Assert.Equal(score.IdentifyingTotal, score.IdentifyingRemoved);
    }

    /// <param name="seed">The generator seed.</param>
    /// <param name="bits">Bits stored.</param>
    /// <param name="unseenFonts">Drawn in the fonts nothing was tuned on.</param>
    /// <param name="what">How the marker was lost before.</param>
    [Theory]
    [InlineData(807, 8, true, "a bold light LAT (two blobs) silenced unread as the echo of its five gaps, whose confident reading 'a' accounted for one of them; the gaps were painted over it")]
    [InlineData(902, 12, false, "a dark PORTABLE read 'ORTABLE' (a name) in a box that is not one ink; near a marker, it is now read again at its ink value there too")]
    public void Clean_MarkerThatWasLost_IsKept(int seed, int bits, bool unseenFonts, string what)
    {
        var score = Score(seed, bits, unseenFonts, what);

        Assert.Equal(score.MarkersTotal, score.MarkersKept);
        Assert.Equal(score.IdentifyingTotal, score.IdentifyingRemoved);
    }

    private SyntheticEvaluation Score(int seed, int bits, bool unseenFonts, string what)
    {
        var c = RadiographGenerator.Generate(seed, new GeneratorOptions { BitsStored = bits, Fonts = unseenFonts ? GeneratorOptions.UnseenFonts : null });
        var score = new SyntheticEvaluation();
        score.Add(c, new BurnedInTextCleaner(fixture.Ocr).Clean(c.Image, new TextCleaningOptions { Force = true }, c.HeaderValues));
        output.WriteLine(what);
        output.WriteLine(score.ToString());
        score.Misses.ForEach(output.WriteLine);
        return score;
    }
}
