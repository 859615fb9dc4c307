using RadAnon.Core.Pixels.Text;

namespace RadAnon.Core.Tests.Pixels.Text;

/// <summary>
/// Following a line past what the detector found, on drawn 8-bit views: "glyphs" are 2-px bars of one ink value,
/// 12 px tall, 6 px apart, so the expected ends are known exactly.
/// </summary>
public sealed class LineContinuationTests
{
    private const int Width = 400;
    private const int Height = 120;
    private const int Top = 50;
    private const int GlyphHeight = 12;
    private const byte Ink = 250;

    [Fact]
    public void Extend_LineRunningOntoBrightBorder_FollowsItsInkAcrossTheStep()
    {
        // Dark field left of x = 200, a bright collimation border (205: 45 levels below the ink) from there on.
        var view = Background(x => x < 200 ? (byte)20 : (byte)205);
        DrawBars(view, 100, 290);

        var found = new PixelBox(100, Top, 98, GlyphHeight);
        var continuation = LineContinuation.Extend(Line(found), view, Width, Height, noise: 2, stops: []);

        Assert.Equal(new PixelBox(100, Top, 188, GlyphHeight), continuation.Box);
        Assert.True(continuation.StartFound && continuation.EndFound, "both ends end in a clean gap");
    }

    [Fact]
    public void Extend_DarkLineFoundMostlyOnTheDarkSide_StillFollowsItsInk()
    {
        // Dark text (ink 5) from a bright border (215) onto a dark field (35, from x = 160): the box found lies mostly on
        // the dark side, whose background is nearer the ink than the box's bright part.
        var view = Background(x => x < 160 ? (byte)215 : (byte)35);
        for (var x = 100; x < 280; x += 6)
        {
            for (var y = Top; y < Top + GlyphHeight; y++)
            {
                view[(y * Width) + x] = 5;
                view[(y * Width) + x + 1] = 5;
            }
        }

        var line = Line(new PixelBox(154, Top, 80, GlyphHeight)) with { Polarity = TextPolarity.DarkOnLight };
        var extended = LineContinuation.Extend(line, view, Width, Height, noise: 2, stops: []).Box;

        Assert.Equal(new PixelBox(100, Top, 176, GlyphHeight), extended);
    }

    [Fact]
    public void Extend_ThinFirstCharacterBehindGap_IsTaken_FarWordIsNot()
    {
        var view = Background(_ => 20);
        DrawBars(view, 60, 62);    // a thin first character, 14 px before the line
        DrawBars(view, 76, 160);   // the detected line
        DrawBars(view, 300, 330);  // another word 140 px (11 glyphs) away: not this line
        var found = new PixelBox(76, Top, 86, GlyphHeight);

        var extended = LineContinuation.Extend(Line(found), view, Width, Height, noise: 2, stops: []).Box;

        Assert.Equal(new PixelBox(60, Top, 102, GlyphHeight), extended);
    }

    [Fact]
    public void Extend_InkAlsoAboveTheBand_StopsThere()
    {
        // From x = 180 the same ink fills rows above the line too: texture or a block, not more of this line.
        var view = Background(_ => 20);
        DrawBars(view, 100, 260);
        for (var y = Top - 12; y < Top - 4; y++)
        {
            view.AsSpan((y * Width) + 180, 80).Fill(Ink);
        }

        var continuation = LineContinuation.Extend(Line(new PixelBox(100, Top, 50, GlyphHeight)), view, Width, Height, noise: 2, stops: []);
        var extended = continuation.Box;

        Assert.True(extended.Right <= 180, $"ends at {extended.Right}");
        Assert.True(extended.Right >= 150);
        Assert.False(continuation.EndFound, "stopped by ink beside the band, not by the line's end");
        Assert.True(continuation.StartFound);
    }

    [Fact]
    public void Extend_NeverEntersAKeptMarker()
    {
        var view = Background(_ => 20);
        DrawBars(view, 100, 260);
        var marker = new PixelBox(200, Top - 4, 60, 20);

        var extended = LineContinuation.Extend(Line(new PixelBox(100, Top, 50, GlyphHeight)), view, Width, Height, noise: 2, stops: [marker]).Box;

        Assert.True(extended.Right <= marker.X, $"ends at {extended.Right}");
    }

    [Fact]
    public void Extend_InkNoBrighterThanTheBackground_LeavesTheBoxAlone()
    {
        // Texture whose brightest pixels are barely above its median: no ink level stands apart from it.
        var random = new Random(7);
        var view = new byte[Width * Height];
        random.NextBytes(view);
        for (var i = 0; i < view.Length; i++)
        {
            view[i] = (byte)(100 + (view[i] % 8));
        }

        var box = new PixelBox(100, Top, 50, GlyphHeight);
        Assert.Equal(box, LineContinuation.Extend(Line(box), view, Width, Height, noise: 2, stops: []).Box);
    }

    [Fact]
    public void Extend_VerticalLine_FollowsAlongY()
    {
        var view = Background(_ => 20);
        for (var y = 10; y < 110; y += 8)
        {
            for (var x = 200; x < 200 + GlyphHeight; x++)
            {
                view[(y * Width) + x] = Ink;
                view[((y + 1) * Width) + x] = Ink;
            }
        }

        var found = new PixelBox(200, 40, GlyphHeight, 30);
        var line = Line(found) with { Vertical = true };

        var extended = LineContinuation.Extend(line, view, Width, Height, noise: 2, stops: []).Box;

        Assert.Equal(new PixelBox(200, 10, GlyphHeight, 98), extended);
    }

    [Fact]
    public void Extend_LargeLine_DoesNotTakeSmallTextInItsBand()
    {
        // A 40-px marker (6-px strokes every 16 px) and, 30 px to its left, a 10-px date at the bottom of its band in the
        // same ink: the date is its own line (painted as such), not the marker's first word.
        const int big = 40;
        var view = new byte[Width * Height];
        Array.Fill(view, (byte)20);
        void Fill(int x0, int y0, int w, int h)
        {
            for (var y = y0; y < y0 + h; y++)
            {
                view.AsSpan((y * Width) + x0, w).Fill(Ink);
            }
        }

        for (var x = 200; x < 330; x += 16)
        {
            Fill(x, 40, 6, big);
        }

        for (var x = 100; x < 168; x += 5)
        {
            Fill(x, 70, 2, 10);
        }

        var marker = Line(new PixelBox(200, 40, 126, big)) with { GlyphHeight = big };
        var extended = LineContinuation.Extend(marker, view, Width, Height, noise: 2, stops: []).Box;

        Assert.Equal(200, extended.X);
    }

    [Fact]
    public void Extend_DarkLineRunningOntoAFieldOfItsOwnInk_FollowsItsFaintStrokes()
    {
        // Thin dark strokes (a 5-level core between 40-level antialiased sides, every 24 px) from a light border onto a
        // dark field of 32: the field lies within the ink's tolerance, so only the cores' contrast to it shows the line.
        var view = Background(x => x < 200 ? (byte)215 : (byte)32);
        for (var x = 104; x < 300; x += 24)
        {
            for (var y = Top; y < Top + GlyphHeight; y++)
            {
                view[(y * Width) + x - 1] = 40;
                view[(y * Width) + x] = 5;
                view[(y * Width) + x + 1] = 40;
            }
        }

        var found = new PixelBox(100, Top, 96, GlyphHeight);
        var continuation = LineContinuation.Extend(Line(found) with { Polarity = TextPolarity.DarkOnLight }, view, Width, Height, noise: 4, stops: []);

        Assert.True(continuation.Box.Right >= 297, $"ends at {continuation.Box.Right}");
        Assert.True(continuation.EndFound, "a clean gap of two glyphs after the last stroke");
    }

    [Fact]
    public void Extend_FoundEndAlreadyOnTheStep_StillWalksTheFieldBeyond()
    {
        // Light text (bars at 230 on a dark field from x = 200; 250 on a border of 226, within the ink's tolerance, left
        // of it). The box found starts two columns onto the border, so the rows beside its very first column already
        // hold "ink"; the line's end stands on a clean background a column further in, and the walk takes the strokes
        // on the border by their contrast to it.
        var view = Background(x => x < 200 ? (byte)226 : (byte)40);
        for (var x = 100; x < 300; x += 6)
        {
            for (var y = Top; y < Top + GlyphHeight; y++)
            {
                view[(y * Width) + x] = view[(y * Width) + x + 1] = x < 200 ? (byte)250 : (byte)230;
            }
        }

        var continuation = LineContinuation.Extend(Line(new PixelBox(198, Top, 100, GlyphHeight)), view, Width, Height, noise: 2, stops: []);

        Assert.Equal(100, continuation.Box.X);
        Assert.True(continuation.StartFound, "a clean gap before the first stroke");
    }

    [Fact]
    public void Extend_EchoWhoseInkIsTheBackground_DoesNotWalkTheField()
    {
        // A candidate whose brightest pixels are the gray around dark strokes (the counters of a dark glyph): the rows
        // beside it hold that "ink" from the start, so there is no step onto a field and nothing to follow.
        var view = Background(_ => 130);
        for (var x = 100; x < 300; x += 8)
        {
            for (var y = Top; y < Top + GlyphHeight; y++)
            {
                view.AsSpan((y * Width) + x, 4).Fill(10);
            }
        }

        var echo = Line(new PixelBox(150, Top, 40, GlyphHeight));
        var continuation = LineContinuation.Extend(echo, view, Width, Height, noise: 2, stops: []);

        Assert.Equal(echo.Box, continuation.Box);
    }

    [Fact]
    public void Extend_SmallLine_TakesThinLettersThatNeverReachItsInk()
    {
        // A 12-px line whose bold strokes reach 250, with a label of 1-px strokes peaking at 205 just before it (a thin
        // "ID:" before a bold number): a quarter of the way to the background from the ink, near strokes that reach it,
        // for a line that was read (an unread one may be speckle and keeps the strict tolerance).
        var view = LineWithThinStrokesAt(82, 88, 94);

        var extended = LineContinuation.Extend(Line(new PixelBox(100, Top, 98, GlyphHeight)), view, Width, Height, noise: 2, stops: [], thinLetters: true).Box;
        var unread = LineContinuation.Extend(Line(new PixelBox(100, Top, 98, GlyphHeight)), view, Width, Height, noise: 2, stops: []).Box;

        Assert.Equal(82, extended.X);
        Assert.Equal(100, unread.X);
    }

    [Fact]
    public void Extend_SmallLine_ThinStrokesFarFromItsInkAreNotTaken()
    {
        // The same faint strokes 70 px (six glyphs) before the line, beyond a gap the strict walk closes: the looser
        // tolerance reaches only four glyphs past the last stroke at the ink.
        var view = LineWithThinStrokesAt(20, 26, 30);

        var extended = LineContinuation.Extend(Line(new PixelBox(100, Top, 98, GlyphHeight)), view, Width, Height, noise: 2, stops: [], thinLetters: true).Box;

        Assert.Equal(100, extended.X);
    }

    /// <summary>The bold line of bars from x = 100 to 200 at the ink, and 1-px strokes peaking at 205 at the given columns.</summary>
    private static byte[] LineWithThinStrokesAt(params int[] columns)
    {
        var view = Background(_ => 20);
        DrawBars(view, 100, 200);
        foreach (var x in columns)
        {
            for (var y = Top; y < Top + GlyphHeight; y++)
            {
                view[(y * Width) + x] = 205;
            }
        }

        return view;
    }

    private static byte[] Background(Func<int, byte> valueAtX)
    {
        var view = new byte[Width * Height];
        for (var y = 0; y < Height; y++)
        {
            for (var x = 0; x < Width; x++)
            {
                view[(y * Width) + x] = valueAtX(x);
            }
        }

        return view;
    }

    /// <summary>2-px bars every 6 px from x0 while they start before x1, Top to Top + GlyphHeight.</summary>
    private static void DrawBars(byte[] view, int x0, int x1)
    {
        for (var x = x0; x < x1; x += 6)
        {
            for (var y = Top; y < Top + GlyphHeight; y++)
            {
                view[(y * Width) + x] = Ink;
                view[(y * Width) + x + 1] = Ink;
            }
        }
    }

    private static TextCandidate Line(PixelBox box) => new()
    {
        Box = box, Polarity = TextPolarity.LightOnDark, Vertical = false, GlyphHeight = GlyphHeight, GlyphCount = 8, Scale = 1,
    };
}
