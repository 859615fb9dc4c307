using RadAnon.Core.Pixels.Text;
using RadAnon.Core.Tests.Pixels.Ultrasound;
using RadAnon.Dicom.Pixels;

namespace RadAnon.Core.Tests.Pixels;

/// <summary>The ultrasound measurement itself, on small synthetic frames whose answer is known by construction.</summary>
public sealed class UltrasoundMeasurementTests
{
    private const int Size = 40;

    // A 10x6 "text" box at (5,5) with 12 ink pixels at 200 on a 0 background; a protected sector at (20,20) 15x15.
    private static readonly AnnotatedBox Text = new(AnnotationKinds.Identifying, null, new PixelBox(5, 5, 10, 6));
    private static readonly AnnotatedBox Sector = new("sector", null, new PixelBox(20, 20, 15, 15));

    [Fact]
    public void Compare_IdenticalFrames_KeepsTheTextAndChangesNothing()
    {
        var c = FrameComparison.Compare(Input(), Input(), 0, [Text, Sector]);

        Assert.Equal(0, c.IdentifyingInkChanged[0]);
        Assert.Equal(0, c.CollateralPercent);
        Assert.Equal(0, c.ProtectedChanged["sector"]);
    }

    [Fact]
    public void Compare_InkPaintedToBackground_CountsTheBoxRemoved_ThoughMostOfItsPixelsAreUnchanged()
    {
        var after = Input();
        Paint(after, new PixelBox(5, 5, 10, 6), 0);

        var c = FrameComparison.Compare(Input(), after, 0, [Text, Sector]);

        Assert.Equal(1, c.IdentifyingInkChanged[0]);
        Assert.Equal(0, c.CollateralPercent);
    }

    [Fact]
    public void Compare_HalfTheInkLeft_IsNotRemoved()
    {
        var after = Input();
        Paint(after, new PixelBox(5, 5, 5, 6), 0);

        var c = FrameComparison.Compare(Input(), after, 0, [Text, Sector]);

        Assert.True(c.IdentifyingInkChanged[0] < FrameComparison.RemovedInkFraction);
    }

    [Fact]
    public void Compare_PaintSpillingOutOfTheText_IsCollateral_AndInTheSector_IsProtectedDamage()
    {
        var after = Input();
        Paint(after, new PixelBox(5, 5, 10, 6), 0);
        Paint(after, new PixelBox(30, 30, 2, 5), 99); // 10 pixels inside the sector

        var c = FrameComparison.Compare(Input(), after, 0, [Text, Sector]);

        Assert.Equal(10, c.ProtectedChanged["sector"]);
        Assert.Equal(100.0 * 10 / ((Size * Size) - 60), c.CollateralPercent, 6);
    }

    [Fact]
    public void Compare_TextBoxInsideTheSector_IsNotProtectedDamage()
    {
        var inside = new AnnotatedBox(AnnotationKinds.OtherText, null, new PixelBox(22, 22, 4, 4));
        var after = Input();
        Paint(after, inside.Box, 99);

        var c = FrameComparison.Compare(Input(), after, 0, [Text, Sector, inside]);

        Assert.Equal(0, c.ProtectedChanged["sector"]);
        Assert.Equal(0, c.CollateralPercent);
    }

    [Fact]
    public void Compare_BoxForAnotherFrame_IsIgnored()
    {
        var later = Text with { Frame = 1 };

        var c = FrameComparison.Compare(Input(), Input(), 0, [later]);

        Assert.Empty(c.IdentifyingInkChanged);
    }

    private static PixelFrame Input()
    {
        var frame = new PixelFrame(new PixelDescription { Rows = Size, Columns = Size, BitsAllocated = 8, BitsStored = 8, HighBit = 7 }, "MONOCHROME2", new byte[Size * Size]);
        for (var x = 6; x < 12; x++)
        {
            frame.Bytes[(7 * Size) + x] = 200;
            frame.Bytes[(8 * Size) + x] = 200;
        }

        return frame;
    }

    private static void Paint(PixelFrame frame, PixelBox box, byte value)
    {
        for (var y = box.Y; y < box.Bottom; y++)
        {
            frame.Bytes.Slice((y * Size) + box.X, box.Width).Fill(value);
        }
    }
}
