using RadAnon.Core.Pixels;
using RadAnon.Core.Pixels.Text;
using Xunit.Abstractions;
using static RadAnon.Core.Tests.Pixels.Text.BurnedInTextCleanerTests;

namespace RadAnon.Core.Tests.Pixels.Text;

/// <summary>What is kept, dropped and painted once candidates are read: markers and their echoes, texture, blocks.</summary>
public sealed class TextDecisionTests : IClassFixture<OcrFixture>
{
    private readonly OcrFixture fixture;
    private readonly ITestOutputHelper output;

    public TextDecisionTests(OcrFixture fixture, ITestOutputHelper output)
    {
        this.fixture = fixture;
        this.output = output;
    }

    [Fact]
    public void ExtendThroughKeptRegions_SmallMarkerBesideTallRegion_IsNotPainted()
    {
        // A tall unread region with a small marker level with its lower part, 34 px beyond its painted box.
        var regions = new List<TextRegion>
        {
            Region(new PixelBox(147, 1044, 87, 126), new PixelBox(63, 1014, 255, 186), RegionAction.Redacted, 108),
            Region(new PixelBox(17, 1140, 12, 20), new PixelBox(17, 1140, 12, 20), RegionAction.Kept, 20),
        };

        BurnedInTextCleaner.ExtendThroughKeptRegions(regions);

        Assert.Equal(new PixelBox(63, 1014, 255, 186), regions[0].PaintedBox);
    }

    [Fact]
    public void ExtendThroughKeptRegions_MarkerLevelWithPartOfTheLinesBand_IsNotPainted()
    {
        // A rotated 48-px name and, a glyph and a half above its end, a big PA marker level with three quarters of the
        // name's band: beside the line, not holding its continuation.
        var regions = new List<TextRegion>
        {
            Region(new PixelBox(2403, 309, 51, 597), new PixelBox(2388, 270, 81, 675), RegionAction.Redacted, 48) with { Rotation = 90 },
            Region(new PixelBox(2310, 147, 132, 99), new PixelBox(2310, 147, 132, 99), RegionAction.Kept, 99),
        };

        BurnedInTextCleaner.ExtendThroughKeptRegions(regions);

        Assert.Equal(new PixelBox(2388, 270, 81, 675), regions[0].PaintedBox);
    }

    [Fact]
    public void ExtendThroughKeptRegions_ThinLineRunningIntoWideMarker_IsPaintedThroughIt()
    {
        // A rotated line (13 px across) whose end runs into a large SUPINE-like marker box below it.
        var regions = new List<TextRegion>
        {
            Region(new PixelBox(400, 100, 13, 200), new PixelBox(394, 88, 25, 224), RegionAction.Redacted, 13) with { Rotation = 90 },
            Region(new PixelBox(350, 318, 300, 80), new PixelBox(350, 318, 300, 80), RegionAction.Kept, 80),
        };

        BurnedInTextCleaner.ExtendThroughKeptRegions(regions);

        Assert.Equal(new PixelBox(394, 88, 25, 310), regions[0].PaintedBox);
    }

    [Fact]
    public void Clean_SmallLightMarkerInBackingBoxBesideBrightAnatomy_IsKept()
    {
        // A 22 pt L in a dark backing box on mid-gray with bright anatomy up and to the right: the box's black-hat
        // response spreads towards the anatomy edge and, read first, once swallowed the marker as a "name".
        var image = Blank(300, 260, 110);
        for (var y = 0; y < 120; y++)
        {
            for (var x = 150; x < 300; x++)
            {
                image[x, y] = 215;
            }
        }

        for (var y = 100; y < 128; y++)
        {
            for (var x = 100; x < 120; x++)
            {
                image[x, y] = 12;
            }
        }

        Stamp(image, "L", 104, 102, 22, light: true);
        var result = new BurnedInTextCleaner(fixture.Ocr).Clean(image, new TextCleaningOptions { Force = true }, []);
        result.Regions.ToList().ForEach(r => output.WriteLine($"{r.Category} {r.Action} {r.Box} g={r.GlyphHeight} conf={r.Confidence:0}"));

        Assert.Equal(1, result.KeptMarkerCount);
        Assert.Equal(0, result.RedactedCount);
    }

    [Fact]
    public void TextureCue_SpeckleAllAround_IsTextureButGlyphsOnCleanBackgroundAreNot()
    {
        // Saturated white anatomy with dark speckle (what a narrow window makes of trabecular texture) below a line of
        // glyphs on the black border.
        var image = Blank(420, 360, 0);
        var rng = new Random(7);
        for (var y = 60; y < 360; y++)
        {
            for (var x = 0; x < 420; x++)
            {
                image[x, y] = 250;
            }
        }

        for (var i = 0; i < 3000; i++)
        {
            var (x0, y0) = (rng.Next(2, 410), rng.Next(62, 350));
            var (dx, dy) = (rng.Next(-1, 2), rng.Next(0, 2));
            for (var k = 0; k < rng.Next(3, 9); k++)
            {
                var (x, y) = (Math.Clamp(x0 + (k * dx), 0, 418), Math.Clamp(y0 + (k * dy), 60, 359));
                image[x, y] = 40;
                image[x + 1, y] = 70;
            }
        }

        Stamp(image, "\u2202\u2207\u2206\u2202\u2207", 8, 8, 30, light: true);
        var view = image.To8BitView();
        var noise = TextDetector.EstimateNoise(view, image.Width, image.Height);
        var candidates = new TextDetector(new TextDetectorSettings()).Detect(view, image.Width, image.Height, noise, fine: true, coarse: true);
        bool Texture(TextCandidate c) => TextureCue.IsTexture(c, candidates, [], view, image.Width, image.Height, TextureCue.InkThreshold(noise));

        var glyphs = candidates.Where(c => c.Box.Bottom <= 55).ToList();
        var speckle = candidates.Where(c => c.Box.Y >= 80 && c.Box.Bottom <= 340 && c.Box.X >= 20 && c.Box.Right <= 400).ToList();
        output.WriteLine($"glyph candidates {glyphs.Count}, speckle candidates {speckle.Count}, judged texture {speckle.Count(Texture)}");

        Assert.NotEmpty(glyphs);
        Assert.DoesNotContain(glyphs, Texture);
        Assert.NotEmpty(speckle);
        Assert.True(speckle.Count(Texture) * 4 >= speckle.Count * 3, $"{speckle.Count(Texture)}/{speckle.Count} speckle candidates judged texture");
    }

    [Fact]
    public void Clean_BlockOfUnreadableLines_IsRedactedLineByLine()
    {
        // Three tightly stacked lines OCR cannot read: each line's neighbours must not make it look like texture.
        var image = Blank(700, 360, 30);
        for (var line = 0; line < 3; line++)
        {
            Stamp(image, "\u2202\u2207\u2206\u2202\u2207\u2206\u2202", 40, 40 + (line * 44), 32, light: true);
        }

        var result = new BurnedInTextCleaner(fixture.Ocr).Clean(image, new TextCleaningOptions { Force = true }, []);
        result.Regions.ToList().ForEach(r => output.WriteLine($"{r.Category} {r.Action} {r.Box} g={r.GlyphHeight} conf={r.Confidence:0}"));

        // Every stamped (bright) pixel lies in a painted box.
        for (var y = 0; y < image.Height; y++)
        {
            for (var x = 0; x < image.Width; x++)
            {
                if (image[x, y] > 120)
                {
                    Assert.True(result.Regions.Any(r => r.Action == RegionAction.Redacted && r.PaintedBox!.Value.Intersects(new PixelBox(x, y, 1, 1))), $"glyph pixel {x},{y} not painted");
                }
            }
        }
    }

    [Fact]
    public void Clean_TextSmoothedByA3x3Mean_IsFoundAndPaintedWhole()
    {
        // Screen captures and lossy copies soften text: after a 3x3 mean a drawn edge's steepest step is a third of its
        // contrast. Such a line (as on a CT screen's "Ex:" row) must still be found; nothing in it is identifying, so
        // verification would not catch a miss.
        var image = Blank(420, 120, 8);
        Stamp(image, "Ex: Rm bx", 40, 40, 16, light: true, font: "DejaVu Sans Mono Bold");
        var smoothed = Blank(420, 120, 8);
        for (var y = 1; y < image.Height - 1; y++)
        {
            for (var x = 1; x < image.Width - 1; x++)
            {
                var sum = 0;
                for (var dy = -1; dy <= 1; dy++)
                {
                    for (var dx = -1; dx <= 1; dx++)
                    {
                        sum += image[x + dx, y + dy];
                    }
                }

                smoothed[x, y] = (sum + 4) / 9;
            }
        }

        var result = new BurnedInTextCleaner(fixture.Ocr).Clean(smoothed, new TextCleaningOptions { Force = true }, []);
        result.Regions.ToList().ForEach(r => output.WriteLine($"{r.Category} {r.Action} {r.Box} g={r.GlyphHeight} conf={r.Confidence:0}"));

        for (var y = 0; y < smoothed.Height; y++)
        {
            for (var x = 0; x < smoothed.Width; x++)
            {
                if (smoothed[x, y] > 120)
                {
                    Assert.True(result.Regions.Any(r => r.Action == RegionAction.Redacted && r.PaintedBox!.Value.Intersects(new PixelBox(x, y, 1, 1))), $"glyph pixel {x},{y} not painted");
                }
            }
        }
    }

    [Fact]
    public void DropWeakerOppositePolarity_SurroundOfOneRow_DoesNotSilenceTheNextRow()
    {
        // An ultrasound header corner: a date row read confidently, the row below it read weakly, and the dark field
        // around both found as one dark component whose crop read the second row. The field is the date row's surround
        // and is dropped; it must not take the second row with it as its "echo".
        var dateRow = Candidate(new PixelBox(822, 6, 160, 15), glyph: 15, count: 8);
        var secondRow = Candidate(new PixelBox(828, 26, 155, 17), glyph: 17, count: 5);
        var field = Candidate(new PixelBox(822, 0, 202, 123), glyph: 123, count: 1) with { Polarity = TextPolarity.DarkOnLight, Scale = 3 };
        var items = new List<(TextCandidate, TextRegion)>
        {
            (dateRow, Region(dateRow.Box, dateRow.Box, RegionAction.Redacted, 15) with { Category = TextCategory.Date, Confidence = 74 }),
            (secondRow, Region(secondRow.Box, secondRow.Box, RegionAction.Redacted, 17) with { Confidence = 56 }),
            (field, Region(field.Box, field.Box, RegionAction.Redacted, 123) with { Category = TextCategory.OtherText, Confidence = 63 }),
        };

        var survivors = BurnedInTextCleaner.DropWeakerOppositePolarity(items).Select(x => x.Candidate.Box).ToList();

        Assert.Equal([dateRow.Box, secondRow.Box], survivors);
    }

    [Fact]
    public void DropWeakerOppositePolarity_EchoInALinesGaps_IsDropped()
    {
        var line = Candidate(new PixelBox(100, 100, 300, 30), glyph: 30, count: 9);
        var echo = Candidate(new PixelBox(104, 102, 290, 26), glyph: 26, count: 6) with { Polarity = TextPolarity.DarkOnLight };
        var items = new List<(TextCandidate, TextRegion)>
        {
            (line, Region(line.Box, line.Box, RegionAction.Redacted, 30) with { Category = TextCategory.Name, Confidence = 91 }),
            (echo, Region(echo.Box, echo.Box, RegionAction.Redacted, 26) with { Confidence = 30 }),
        };

        var survivors = BurnedInTextCleaner.DropWeakerOppositePolarity(items).Select(x => x.Candidate.Box).ToList();

        Assert.Equal([line.Box], survivors);
    }

    [Fact]
    public void IsExplainedBy_SmallFragmentInsideBigKeptMarker_IsPartOfIt()
    {
        // A 150-px serif L read confidently and kept; the fine pass also found a 24-px run of two stroke pieces inside it.
        var marker = Candidate(new PixelBox(300, 600, 120, 150), glyph: 150, count: 1);
        var kept = Region(marker.Box, marker.Box, RegionAction.Kept, 150) with { Confidence = 93 };
        var fragment = Candidate(new PixelBox(320, 700, 60, 24), glyph: 24, count: 2);
        var unread = Region(fragment.Box, fragment.Box, RegionAction.Redacted, 24) with { Confidence = 20 };

        Assert.True(BurnedInTextCleaner.IsExplainedBy(fragment, unread, marker, kept));
    }

    [Fact]
    public void IsExplainedBy_FragmentOutsideOrIdentifyingOrSameSize_IsNot()
    {
        var marker = Candidate(new PixelBox(300, 600, 120, 150), glyph: 150, count: 1);
        var kept = Region(marker.Box, marker.Box, RegionAction.Kept, 150) with { Confidence = 93 };
        var inside = Candidate(new PixelBox(320, 700, 60, 24), glyph: 24, count: 2);
        var unread = Region(inside.Box, inside.Box, RegionAction.Redacted, 24) with { Confidence = 20 };
        var halfOut = Candidate(new PixelBox(390, 700, 60, 24), glyph: 24, count: 2);
        var sameSize = Candidate(new PixelBox(310, 610, 100, 100), glyph: 100, count: 3);

        Assert.False(BurnedInTextCleaner.IsExplainedBy(halfOut, unread with { Box = halfOut.Box }, marker, kept));
        Assert.False(BurnedInTextCleaner.IsExplainedBy(inside, unread with { Category = TextCategory.Date }, marker, kept));
        Assert.False(BurnedInTextCleaner.IsExplainedBy(sameSize, unread with { Box = sameSize.Box }, marker, kept));
    }

    [Fact]
    public void DropWeakerOppositePolarity_CounterOfAKeptMarkerReadMoreConfidently_IsDroppedAndTheMarkerKept()
    {
        // A light serif R (54 px) and, in the gap between its legs, a dark 10-px blob read as a "4" more confidently
        // than the R itself. The blob is the marker's counter; the marker is not the blob's surround.
        var marker = Candidate(new PixelBox(6, 234, 54, 54), glyph: 54, count: 1);
        var counter = Candidate(new PixelBox(37, 259, 11, 24), glyph: 10, count: 2) with { Polarity = TextPolarity.DarkOnLight, Vertical = true };
        var items = new List<(TextCandidate, TextRegion)>
        {
            (marker, Region(marker.Box, marker.Box, RegionAction.Kept, 54) with { Confidence = 91 }),
            (counter, Region(counter.Box, counter.Box, RegionAction.Redacted, 10) with { Category = TextCategory.OtherText, Confidence = 94 }),
        };

        var survivors = BurnedInTextCleaner.DropWeakerOppositePolarity(items).Select(x => x.Candidate.Box).ToList();

        Assert.Equal([marker.Box], survivors);
    }

    [Fact]
    public void DropWeakerOppositePolarity_EchoFollowedOntoADarkField_IsJudgedWhereItWasFound()
    {
        // A small light R on a collimation edge; its dark echo was followed along "its ink" (the dark field) to four
        // times the R's width. As found, the echo covers the R; as followed, it is too large to be its echo.
        var marker = Candidate(new PixelBox(41, 114, 15, 22), glyph: 22, count: 1);
        var echo = Candidate(new PixelBox(40, 113, 56, 23), glyph: 23, count: 2) with { Polarity = TextPolarity.DarkOnLight };
        var items = new List<(TextCandidate, TextRegion)>
        {
            (marker, Region(marker.Box, marker.Box, RegionAction.Kept, 22) with { Confidence = 93 }),
            (echo, Region(echo.Box, echo.Box, RegionAction.Redacted, 23) with { Confidence = 26 }),
        };

        var asFollowed = BurnedInTextCleaner.DropWeakerOppositePolarity(items);
        var asFound = BurnedInTextCleaner.DropWeakerOppositePolarity(items, [marker.Box, new PixelBox(40, 113, 15, 23)]);

        Assert.Equal(2, asFollowed.Count);
        Assert.Equal([marker.Box], asFound.Select(x => x.Candidate.Box));
    }

    [Fact]
    public void DropWeakerOppositePolarity_BackingSquareGroupedWithADatesDigit_IsTheMarkersSurround()
    {
        // A dark L on a white square, and beside it a rotated light date whose first digit was grouped with the square
        // into a two-component light line read weakly as a name. Without the date (painted anyway) the line is one
        // component holding the L: its surround. Without a confident date crossing it, it stays (fail closed).
        var date = Candidate(new PixelBox(75, 132, 39, 246), glyph: 36, count: 8) with { Vertical = true };
        var square = Candidate(new PixelBox(19, 188, 93, 35), glyph: 35, count: 2);
        var marker = Candidate(new PixelBox(17, 192, 29, 27), glyph: 27, count: 1) with { Polarity = TextPolarity.DarkOnLight };
        var dateRegion = Region(date.Box, date.Box, RegionAction.Redacted, 36) with { Category = TextCategory.HeaderMatch, Confidence = 95, Rotation = 270 };
        var squareRegion = Region(square.Box, square.Box, RegionAction.Redacted, 35) with { Category = TextCategory.Name, Confidence = 60 };
        var markerRegion = Region(marker.Box, marker.Box, RegionAction.Kept, 27) with { Confidence = 92 };

        var withDate = BurnedInTextCleaner.DropWeakerOppositePolarity([(date, dateRegion), (square, squareRegion), (marker, markerRegion)]);
        var weakDate = BurnedInTextCleaner.DropWeakerOppositePolarity([(date, dateRegion with { Confidence = 50 }), (square, squareRegion), (marker, markerRegion)]);

        Assert.Equal([date.Box, marker.Box], withDate.Select(x => x.Candidate.Box));
        Assert.Contains(weakDate, x => x.Candidate.Box == square.Box);
    }

    [Fact]
    public void DropWeakerOppositePolarity_IdentifyingOrLargeTextInsideAMarkersBox_IsKept()
    {
        // The counter rule covers unread or other text at most half the marker's height: a date, or text as tall as
        // the marker, inside its box stays (and is painted).
        var marker = Candidate(new PixelBox(6, 234, 54, 54), glyph: 54, count: 1);
        var small = Candidate(new PixelBox(37, 259, 11, 24), glyph: 10, count: 2) with { Polarity = TextPolarity.DarkOnLight };
        var tall = Candidate(new PixelBox(10, 236, 48, 50), glyph: 40, count: 2) with { Polarity = TextPolarity.DarkOnLight };
        var keptMarker = Region(marker.Box, marker.Box, RegionAction.Kept, 54) with { Confidence = 91 };

        var date = BurnedInTextCleaner.DropWeakerOppositePolarity(
            [(marker, keptMarker), (small, Region(small.Box, small.Box, RegionAction.Redacted, 10) with { Category = TextCategory.Date, Confidence = 94 })]);
        var large = BurnedInTextCleaner.DropWeakerOppositePolarity(
            [(marker, keptMarker), (tall, Region(tall.Box, tall.Box, RegionAction.Redacted, 40) with { Category = TextCategory.OtherText, Confidence = 94 })]);

        Assert.Contains(date, x => x.Candidate.Box == small.Box);
        Assert.Contains(large, x => x.Candidate.Box == tall.Box);
    }

    [Fact]
    public void Painted_EndsSeenToEnd_GetOnlyTheMarginAcross()
    {
        var line = Candidate(new PixelBox(100, 100, 200, 40), glyph: 40, count: 8);

        // Across: 3 + 40 / 4 = 13; along, where the end was not seen: 3 + 40 * 3 / 4 = 33.
        Assert.Equal(new PixelBox(67, 87, 266, 66), BurnedInTextCleaner.Painted(line, 1000, 1000));
        Assert.Equal(new PixelBox(87, 87, 226, 66), BurnedInTextCleaner.Painted(line, 1000, 1000, startFound: true, endFound: true));
        Assert.Equal(new PixelBox(87, 87, 246, 66), BurnedInTextCleaner.Painted(line, 1000, 1000, startFound: true, endFound: false));
    }

    [Fact]
    public void Painted_SmallReadLineEndsSeenToEnd_KeepMostOfAGlyphAlongTheLine()
    {
        // An 8-px line: across 3 + 8 / 4 = 5; along where an end was not seen 3 + 6 + 4 = 13; where it was, 3 + 6 = 9,
        // room for a thin serif I fainter than the walk's ink just before the found start.
        var line = Candidate(new PixelBox(100, 100, 60, 8), glyph: 8, count: 6);

        Assert.Equal(new PixelBox(87, 95, 86, 18), BurnedInTextCleaner.Painted(line, 1000, 1000));
        Assert.Equal(new PixelBox(91, 95, 78, 18), BurnedInTextCleaner.Painted(line, 1000, 1000, startFound: true, endFound: true, read: true));

        // An unread line (speckle, as often as text) gets the margin across only.
        Assert.Equal(new PixelBox(95, 95, 70, 18), BurnedInTextCleaner.Painted(line, 1000, 1000, startFound: true, endFound: true));
    }

    private static TextCandidate Candidate(PixelBox box, int glyph, int count) => new()
    {
        Box = box, Polarity = TextPolarity.LightOnDark, Vertical = false, GlyphHeight = glyph, GlyphCount = count, Scale = 1,
    };

    private static TextRegion Region(PixelBox box, PixelBox painted, RegionAction action, int glyph) => new()
    {
        Box = box,
        Rotation = 0,
        Category = action == RegionAction.Kept ? TextCategory.Marker : TextCategory.Unreadable,
        Action = action,
        Method = action == RegionAction.Redacted ? RedactionMethod.Blur : null,
        Confidence = 0,
        GlyphHeight = glyph,
        PaintedBox = painted,
    };
}
