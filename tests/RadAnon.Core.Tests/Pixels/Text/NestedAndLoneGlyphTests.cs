using RadAnon.Core.Pixels.Text;

namespace RadAnon.Core.Tests.Pixels.Text;

/// <summary>
/// Two fail-closed rules about text beside or inside other candidates: a line much smaller than a non-uniform host is
/// not folded into it, and a lone unread blob in line with a redacted line is the rest of that line.
/// </summary>
public sealed class NestedAndLoneGlyphTests
{
    [Fact]
    public void IsOtherTextInside_SmallUniformLineInNonUniformHost_IsOtherText()
    {
        var host = Candidate(new PixelBox(39, 1059, 135, 57), 57, 2, uniform: false);
        var date = Candidate(new PixelBox(66, 1065, 42, 12), 12, 4, uniform: true);

        Assert.True(TextDetector.IsOtherTextInside(date, host));
    }

    [Theory]
    [InlineData(true, true, 4, 12, "the host is uniform: a big marker, and these are its pieces")]
    [InlineData(false, true, 1, 12, "a single blob: a serif or crossbar")]
    [InlineData(false, false, 4, 12, "the inner line is no more one ink than the host")]
    [InlineData(false, true, 4, 30, "over half the host's glyph height: the same text at the other scale")]
    public void IsOtherTextInside_PiecesOfTheSameText_AreFolded(bool hostUniform, bool innerUniform, int innerCount, int innerGlyph, string why)
    {
        var host = Candidate(new PixelBox(0, 0, 200, 60), 57, 2, hostUniform);
        var inner = Candidate(new PixelBox(20, 10, 60, innerGlyph), innerGlyph, innerCount, innerUniform);

        Assert.False(TextDetector.IsOtherTextInside(inner, host), why);
    }

    [Fact]
    public void IsLoneGlyphOf_BlobPastTheEndOfAVerticalLine_IsPartOfIt()
    {
        // A rotated ID 48 px across ending at y = 1101, and a 42x36 blob at y = 1188 in its band (87 px on: under two glyphs).
        var line = Candidate(new PixelBox(99, 839, 48, 262), 48, 4, uniform: true) with { Vertical = true };
        var blob = Candidate(new PixelBox(102, 1188, 42, 36), 36, 1, uniform: true);

        Assert.True(BurnedInTextCleaner.IsLoneGlyphOf(blob, line));
    }

    [Theory]
    [InlineData(102, 1250, 42, 36, TextPolarity.LightOnDark, "three glyphs past the end")]
    [InlineData(160, 1120, 42, 36, TextPolarity.LightOnDark, "beside the band, not in it")]
    [InlineData(102, 1120, 42, 36, TextPolarity.DarkOnLight, "the other polarity")]
    [InlineData(110, 1120, 12, 14, TextPolarity.LightOnDark, "a speck under half a glyph")]
    [InlineData(90, 1120, 80, 80, TextPolarity.LightOnDark, "over one and a half glyphs")]
    [InlineData(102, 900, 42, 36, TextPolarity.LightOnDark, "inside the line, which paints it anyway")]
    public void IsLoneGlyphOf_BlobNotInLineWithTheLine_IsNot(int x, int y, int w, int h, TextPolarity polarity, string why)
    {
        var line = Candidate(new PixelBox(99, 839, 48, 262), 48, 4, uniform: true) with { Vertical = true };
        var blob = Candidate(new PixelBox(x, y, w, h), h, 1, uniform: true) with { Polarity = polarity };

        Assert.False(BurnedInTextCleaner.IsLoneGlyphOf(blob, line), why);
    }

    private static TextCandidate Candidate(PixelBox box, int glyph, int count, bool uniform) => new()
    {
        Box = box, Polarity = TextPolarity.LightOnDark, Vertical = false, GlyphHeight = glyph, GlyphCount = count, Scale = 1, Uniform = uniform,
    };
}
