using RadAnon.Core.Pixels.Text;

namespace RadAnon.Core.Tests.Pixels.Text.Rules;

/// <summary>The per-candidate rules, each on hand-made evidence: what it decides, and what it leaves to later rules.</summary>
public sealed class CandidateRuleTests
{
    private static readonly PixelBox Line = new(50, 50, 120, 16);

    [Fact]
    public void UnreadShapeIsNotText_DropsUnreadNonUniformLines_AndMarksLoneBlobs()
    {
        var rule = new UnreadShapeIsNotText();
        var nonUniform = RuleKit.Read(RuleKit.Candidate(Line, uniform: false), TextCategory.Unreadable);
        var blob = RuleKit.Read(RuleKit.Candidate(Line, glyphs: 1), TextCategory.Unreadable);
        var unreadLine = RuleKit.Read(RuleKit.Candidate(Line), TextCategory.Unreadable);

        Assert.True(rule.Apply(nonUniform, RuleKit.Context()));
        Assert.False(nonUniform.LoneUnread);
        Assert.True(rule.Apply(blob, RuleKit.Context()));
        Assert.True(blob.LoneUnread);
        Assert.False(rule.Apply(unreadLine, RuleKit.Context()));
        Assert.Null(unreadLine.Region);
    }

    [Fact]
    public void WeakLineInsideLarger_DropsOnlyWeakReadings()
    {
        var rule = new WeakLineInsideLarger();

        Assert.True(rule.Apply(RuleKit.Read(RuleKit.Candidate(Line, insideLarger: true), TextCategory.Name, 60, "Smith"), RuleKit.Context()));
        Assert.False(rule.Apply(RuleKit.Read(RuleKit.Candidate(Line, insideLarger: true), TextCategory.Name, 90, "Smith"), RuleKit.Context()));
        Assert.False(rule.Apply(RuleKit.Read(RuleKit.Candidate(Line), TextCategory.Unreadable), RuleKit.Context()));
    }

    [Fact]
    public void FewNonIdentifyingCharacters_DropsACharacterOrTwoOfOneShape_NotDatesOrWords()
    {
        var rule = new FewNonIdentifyingCharacters();
        var paddle = RuleKit.Read(RuleKit.Candidate(Line, glyphs: 3, uniform: false), TextCategory.OtherText, 65, "d");

        Assert.True(rule.Apply(paddle, RuleKit.Context()));
        Assert.True(paddle.LoneUnread);
        Assert.False(rule.Apply(RuleKit.Read(RuleKit.Candidate(Line, glyphs: 1), TextCategory.OtherText, 90, "cm2"), RuleKit.Context()));
        Assert.False(rule.Apply(RuleKit.Read(RuleKit.Candidate(Line, glyphs: 2), TextCategory.OtherText, 90, "cm"), RuleKit.Context()));
        Assert.False(rule.Apply(RuleKit.Read(RuleKit.Candidate(Line, glyphs: 1), TextCategory.Id, 90, "12"), RuleKit.Context()));
    }

    [Fact]
    public void TrimToWordsOverAnatomy_NeverDecides()
    {
        var state = RuleKit.Read(RuleKit.Candidate(Line), TextCategory.Unreadable);

        Assert.False(new TrimToWordsOverAnatomy().Apply(state, RuleKit.Context()));
        Assert.Equal(Line, state.Line.Box);
    }

    [Fact]
    public void CallerVeto_KeepsARedactableLineMostlyInsideAVetoBox_AndNamesItself()
    {
        var options = new TextCleaningOptions { VetoRegions = [new PixelBox(40, 40, 90, 40)] };
        var date = RuleKit.Read(RuleKit.Candidate(Line), TextCategory.Date, 90, "01/02/2020");
        var marker = RuleKit.Read(RuleKit.Candidate(Line), TextCategory.Marker, 90, "L");

        Assert.True(new CallerVeto().Apply(date, RuleKit.Context(options: options)));
        Assert.Equal((RegionAction.Vetoed, TextRules.CallerVeto), (date.Region!.Action, date.Region.Rule));
        Assert.False(new CallerVeto().Apply(marker, RuleKit.Context(options: options)));
    }

    [Fact]
    public void MarkerSplit_LeavesUnreadLinesAndRemovedMarkersAlone()
    {
        var unread = RuleKit.Read(RuleKit.Candidate(Line), TextCategory.Unreadable);
        var name = RuleKit.Read(RuleKit.Candidate(Line), TextCategory.Name, 90, "Smith");

        Assert.False(new MarkerSplitRule().Apply(unread, RuleKit.Context()));
        Assert.False(new MarkerSplitRule().Apply(name, RuleKit.Context(options: new TextCleaningOptions { Markers = MarkerPolicy.Remove })));
    }

    [Theory]
    [InlineData(TextCategory.Date, MarkerPolicy.Keep, TextPolicy.All, RegionAction.Redacted)]
    [InlineData(TextCategory.Unreadable, MarkerPolicy.Keep, TextPolicy.Identifying, RegionAction.Redacted)]
    [InlineData(TextCategory.Marker, MarkerPolicy.Keep, TextPolicy.All, RegionAction.Kept)]
    [InlineData(TextCategory.Marker, MarkerPolicy.Remove, TextPolicy.All, RegionAction.Redacted)]
    [InlineData(TextCategory.OtherText, MarkerPolicy.Keep, TextPolicy.All, RegionAction.Redacted)]
    [InlineData(TextCategory.OtherText, MarkerPolicy.Keep, TextPolicy.Identifying, RegionAction.Kept)]
    public void Policy_DecidesByCategoryAndOptions(TextCategory category, MarkerPolicy markers, TextPolicy text, RegionAction expected)
    {
        var state = RuleKit.Read(RuleKit.Candidate(Line), category, 90, "x1");

        Assert.True(new PolicyRule().Apply(state, RuleKit.Context(options: new TextCleaningOptions { Markers = markers, Text = text })));
        Assert.Equal((expected, TextRules.Policy), (state.Region!.Action, state.Region.Rule));
    }

    [Fact]
    public void Policy_NotesALetterOrTwoFromANonUniformLine()
    {
        var state = RuleKit.Read(RuleKit.Candidate(Line, uniform: false), TextCategory.Name, 95, "Ab");

        new PolicyRule().Apply(state, RuleKit.Context());

        Assert.True(state.FewLetters);
    }
}
