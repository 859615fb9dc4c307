using System.Text;
using NetVips;
using RadAnon.Core.Raster;

namespace RadAnon.Core.Tests.Raster;

public sealed class RasterSanitizerTests
{
    private const string Canary = "CANARY-7Q4XZ";

    [Fact]
    public void Sanitize_PngWithTextChunks_RemovesThemAndKeepsPixelsExactly()
    {
        var input = PngBytes.Gray8(37, 23, (x, y) => (byte)((x * 7) + (y * 3)),
            PngBytes.Text("Author", Canary), PngBytes.Text("Creation Time", "2024-01-02 " + Canary));

        var result = new RasterSanitizer().Sanitize(input);

        Assert.Equal(["PNG tEXt 'Author'", "PNG tEXt 'Creation Time'"], result.RemovedFields);
        Assert.DoesNotContain(Canary, Encoding.Latin1.GetString(result.Output), StringComparison.Ordinal);
        Assert.Empty(MetadataInventory.List(result.Output, RasterFormat.Png));
        using var before = Image.NewFromBuffer(input);
        using var after = Image.NewFromBuffer(result.Output);
        Assert.Equal((before.Width, before.Height), (after.Width, after.Height));
        Assert.Equal(0, (before - after).Abs().Max());
    }

    [Fact]
    public void Sanitize_Png16Bit_KeepsFullDepth()
    {
        using var ramp = (Image.Xyz(64, 16)[0] * 1000).Cast(Enums.BandFormat.Ushort).Copy(interpretation: Enums.Interpretation.Grey16);
        var input = ramp.PngsaveBuffer();
        var result = new RasterSanitizer().Sanitize(input);
        using var after = Image.NewFromBuffer(result.Output);
        Assert.Equal(Enums.BandFormat.Ushort, after.Format);
        Assert.Equal(63000, after.Max());
    }

    [Fact]
    public void Sanitize_JpegWithExifXmpAndComment_RemovesAllAndNamesThem()
    {
        using var gray = (Image.Xyz(80, 60)[0] * 3).Cast(Enums.BandFormat.Uchar);
        using var tagged = gray.Mutate(m =>
        {
            m.Set(GValue.GStrType, "exif-ifd0-Artist", Canary);
            m.Set(GValue.GStrType, "exif-ifd0-ImageDescription", Canary);
        });
        var jpeg = tagged.JpegsaveBuffer(q: 95);
        var withComment = InsertJpegComment(jpeg, "Patient " + Canary);

        var result = new RasterSanitizer().Sanitize(withComment);

        Assert.Contains("JPEG COM", result.RemovedFields);
        Assert.Contains("JPEG APP1 EXIF", result.RemovedFields);
        Assert.Empty(MetadataInventory.List(result.Output, RasterFormat.Jpeg));
        Assert.DoesNotContain(Canary, Encoding.Latin1.GetString(result.Output), StringComparison.Ordinal);
        Assert.DoesNotContain(result.RemovedFields, f => f.Contains(Canary, StringComparison.Ordinal));
        using var after = Image.NewFromBuffer(result.Output);
        Assert.Equal((80, 60), (after.Width, after.Height));
        Assert.True((gray - after).Abs().Avg() < 2.0, "high-quality re-encoding stays close to the input");
    }

    [Fact]
    public void Sanitize_PngDeclaringHundredThousandSquared_IsRefusedBeforeDecoding()
    {
        var bomb = PngBytes.Bomb(100_000, 100_000);
        var started = System.Diagnostics.Stopwatch.StartNew();
        var ex = Assert.Throws<ImageTooLargeException>(() => new RasterSanitizer().Sanitize(bomb));
        Assert.Contains("MaxPixels", ex.Message, StringComparison.Ordinal);
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(5));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Sanitize_TruncatedImage_IsRejected(int fraction)
    {
        var png = PngBytes.Gray8(200, 200, (x, y) => (byte)(x ^ y));
        var truncated = png.AsSpan(0, png.Length / fraction).ToArray();
        Assert.ThrowsAny<RadAnonException>(() => new RasterSanitizer().Sanitize(truncated));
    }

    [Fact]
    public void Sanitize_NotAnImage_IsRejected()
    {
        var ex = Assert.Throws<InvalidImageException>(() => new RasterSanitizer().Sanitize("just some text"u8.ToArray()));
        Assert.Contains("not a PNG or JPEG", ex.Message, StringComparison.Ordinal);
    }

    private static byte[] InsertJpegComment(byte[] jpeg, string comment)
    {
        var text = Encoding.ASCII.GetBytes(comment);
        var length = text.Length + 2;
        byte[] segment = [0xFF, 0xFE, (byte)(length >> 8), (byte)length, .. text];
        return [.. jpeg.AsSpan(0, 2), .. segment, .. jpeg.AsSpan(2)];
    }
}
