using RadAnon.Core.Pixels.Text;
using RadAnon.Core.Pixels.Text.Learned;

namespace RadAnon.Core.Tests.Pixels.Text.Rules;

/// <summary>The rules over all candidates and over the surviving regions, on hand-made boards.</summary>
public sealed class BoardRuleTests
{
    private static readonly PixelBox Line = new(50, 50, 120, 16);

    [Fact]
    public void LoneGlyphOfLine_JoinsABlobInLineWithARedactedLine_AndNamesItself()
    {
        var line = RuleKit.Candidate(Line);
        var blob = RuleKit.Candidate(new PixelBox(Line.Right + 10, Line.Y, 12, 16), glyphs: 1);
        var far = RuleKit.Candidate(new PixelBox(300, 250, 12, 16), glyphs: 1);
        var board = new DecisionBoard([line, blob, far], RuleKit.Context());
        board.States[0].Region = RuleKit.Region(Line, TextCategory.Id, RegionAction.Redacted);
        board.States[1].LoneUnread = true;
        board.States[2].LoneUnread = true;

        new LoneGlyphOfLine().Apply(board);

        Assert.Equal(TextRules.LoneGlyphOfLine, board.States[1].Region?.Rule);
        Assert.Null(board.States[2].Region);
    }

    [Fact]
    public void SoftEdgesAreAnatomy_DropsAWeakReadingOverABoneLikeShadow_KeepsADate()
    {
        // The shadow of an ellipsoid, 60 levels thick at its axis: smooth, with no edge as steep as a drawn stroke's.
        var view = RuleKit.FlatView();
        for (var y = 0; y < RuleKit.Height; y++)
        {
            for (var x = 0; x < RuleKit.Width; x++)
            {
                var q = Math.Pow((x - 200) / 120.0, 2) + Math.Pow((y - 100) / 40.0, 2);
                view[(y * RuleKit.Width) + x] += (byte)(q < 1 ? 60 * Math.Sqrt(1 - q) : 0);
            }
        }

        var shadow = new PixelBox(60, 40, 280, 120);
        var date = new PixelBox(50, 250, 120, 16);
        var board = new DecisionBoard([RuleKit.Candidate(shadow), RuleKit.Candidate(date)], RuleKit.Context(view));
        board.States[0].Region = RuleKit.Region(shadow, TextCategory.Unreadable, RegionAction.Redacted, 0) with { GlyphHeight = 110 };
        board.States[1].Region = RuleKit.Region(date, TextCategory.Date, RegionAction.Redacted);

        new SoftEdgesAreAnatomy().Apply(board);

        Assert.Null(board.States[0].Region);
        Assert.NotNull(board.States[1].Region);
    }

    [Fact]
    public void EchoesAndSurrounds_DropsTheWeakerOfTwoOppositePolarityReadings()
    {
        var board = new DecisionBoard([], RuleKit.Context());
        board.Survivors =
        [
            (RuleKit.Candidate(Line), RuleKit.Region(Line, TextCategory.Id, RegionAction.Redacted, 90)),
            (RuleKit.Candidate(Line, polarity: TextPolarity.DarkOnLight), RuleKit.Region(Line, TextCategory.OtherText, RegionAction.Redacted, 40)),
        ];
        board.SurvivorsDetected = [Line, Line];

        new EchoesAndSurrounds().Apply(board);

        Assert.Equal(TextCategory.Id, Assert.Single(board.Survivors).Region.Category);
    }

    [Fact]
    public void MarkerInsideLine_RedactsAMarkerAWordSpaceFromALineOfItsSize()
    {
        var marker = new PixelBox(Line.Right + 4, Line.Y, 12, 16);
        var board = new DecisionBoard([], RuleKit.Context());
        board.Survivors =
        [
            (RuleKit.Candidate(Line), RuleKit.Region(Line, TextCategory.Id, RegionAction.Redacted)),
            (RuleKit.Candidate(marker, glyphs: 1), RuleKit.Region(marker, TextCategory.Marker, RegionAction.Kept)),
        ];

        new MarkerInsideLine().Apply(board);

        Assert.Equal((RegionAction.Redacted, TextRules.MarkerInsideLine), (board.Survivors[1].Region.Action, board.Survivors[1].Region.Rule));
    }

    [Fact]
    public void FollowRedactedLines_LeavesKeptRegionsAsTheyAre()
    {
        var kept = RuleKit.Region(Line, TextCategory.Marker, RegionAction.Kept);
        var board = new DecisionBoard([], RuleKit.Context());
        board.Survivors = [(RuleKit.Candidate(Line, glyphs: 1), kept)];

        new FollowRedactedLines().Apply(board);

        Assert.Same(kept, board.Survivors[0].Region);
    }

    [Fact]
    public void LearnedSupport_PaintsWeakEvidenceOnlyWhereTheModelSeesText_AndIdentifyingReadingsAlways()
    {
        var elsewhere = new PixelBox(50, 200, 120, 16);
        var board = new DecisionBoard([], RuleKit.Context(learned: [new LearnedTextBox(Line, 0.9)]));
        board.Survivors =
        [
            (RuleKit.Candidate(Line), RuleKit.Region(Line, TextCategory.Unreadable, RegionAction.Redacted, 0)),
            (RuleKit.Candidate(elsewhere), RuleKit.Region(elsewhere, TextCategory.Unreadable, RegionAction.Redacted, 0)),
            (RuleKit.Candidate(elsewhere), RuleKit.Region(elsewhere, TextCategory.Date, RegionAction.Redacted, 90)),
        ];

        new LearnedSupport().Apply(board);

        Assert.Equal(2, board.Survivors.Count);
        Assert.True(board.Survivors[0].Region.SeenByLearnedDetector);
        Assert.Equal((TextCategory.Date, false), (board.Survivors[1].Region.Category, board.Survivors[1].Region.SeenByLearnedDetector));
    }

    [Fact]
    public void LearnedSupport_ABlockReadAsWordsButNotTextWhole_IsPaintedOnlyWhereTheModelSeesText()
    {
        var block = new PixelBox(20, 20, 140, 200);
        var label = new PixelBox(40, 150, 80, 14);
        var marker = new PixelBox(40, 60, 20, 20);
        var board = new DecisionBoard([], RuleKit.Context(learned: [new LearnedTextBox(label, 0.9), new LearnedTextBox(marker, 0.9)]));
        board.Survivors =
        [
            (RuleKit.Candidate(block), RuleKit.Region(block, TextCategory.Name, RegionAction.Redacted, 75) with { GlyphHeight = 120 }),
            (RuleKit.Candidate(block), RuleKit.Region(block, TextCategory.Unreadable, RegionAction.Redacted, 0) with { GlyphHeight = 120 }),
            (RuleKit.Candidate(marker, glyphs: 1), RuleKit.Region(marker, TextCategory.Marker, RegionAction.Kept)),
        ];

        new LearnedSupport().Apply(board);

        var painted = Assert.Single(board.Survivors, x => x.Region.Action == RegionAction.Redacted).Region;
        Assert.Equal((label, TextRules.LearnedTextInside), (painted.Box, painted.Rule));
        Assert.True(block.Contains(painted.PaintedBox!.Value.X, painted.PaintedBox.Value.Y));
    }

    [Theory]
    [InlineData("12/03/2019", true)]
    [InlineData("Smith", false)]
    [InlineData("4711", false)]
    public void LearnedProposals_ALineOnlyTheModelFound_IsRedactedWhenItReadsAsADate(string text, bool redacted)
    {
        var view = RuleKit.FlatView(30);
        var line = new PixelBox(60, 200, 120, 16);
        DrawnView.Fill(view, RuleKit.Width, new PixelBox(64, 204, 6, 8), 220);
        var board = new DecisionBoard([], RuleKit.Context(view, learned: [new LearnedTextBox(line, 0.9)], ocr: new RuleKit.Reads(text, 92)));
        board.Map = board.Context.Overview;

        new LearnedProposals().Apply(board);

        Assert.Equal(redacted, board.Survivors.Any(x => x.Region.Rule == TextRules.LearnedProposal && x.Region.Box == line));
    }

    [Fact]
    public void EchoPairs_AConfidentLineWithMoreGlyphsSilencesItsEcho()
    {
        var line = RuleKit.Candidate(Line, glyphs: 6);
        var echo = RuleKit.Candidate(Line, glyphs: 3, polarity: TextPolarity.DarkOnLight);
        var board = new DecisionBoard([line, echo], RuleKit.Context());
        EchoPairs.Mark(board);
        board.States[0].Region = RuleKit.Region(Line, TextCategory.Id, RegionAction.Redacted, 90);
        board.States[0].ReadCharacters = 6;

        Assert.Equal(0, board.States[1].EchoOf);
        Assert.False(EchoPairs.NeedsReading(board, board.States[1]));
        board.States[0].Region = RuleKit.Region(Line, TextCategory.Id, RegionAction.Redacted, 30);
        Assert.True(EchoPairs.NeedsReading(board, board.States[1]));
    }

    [Fact]
    public void Order_NamesEveryRuleOnce_AndReportNamesAreKnown()
    {
        Assert.Equal(TextDecider.Order.Count, TextDecider.Order.Distinct().Count());
        Assert.Contains(TextRules.Policy, TextDecider.Order);
        Assert.Equal(["learned-support", "learned-proposal"], TextDecider.Order.TakeLast(2));
        Assert.All(new[] { TextRules.CallerVeto, TextRules.MarkerSplit, TextRules.MarkerInsideLine, TextRules.LoneGlyphOfLine }, n => Assert.Contains(n, TextDecider.Order));
    }
}
