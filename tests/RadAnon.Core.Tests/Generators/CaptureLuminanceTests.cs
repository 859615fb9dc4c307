using RadAnon.Core.Raster;
using RadAnon.SyntheticData.Captures;

namespace RadAnon.Core.Tests.Generators;

/// <summary>Captures are scored on the gray image the engine itself makes of their PNG: the same luminance, pixel for pixel.</summary>
public sealed class CaptureLuminanceTests
{
    [Fact]
    public void Luminance_EqualsTheEnginesLuminanceOfThePng()
    {
        var screen = CaptureCache.Screen(2);
        var png = screen.Image.ToPng();

        using var loaded = new RasterSanitizer().Load(png, RasterFormatDetector.Detect(png)!.Value);
        var engine = RasterCodec.Decode(loaded, dropAlpha: true, bits: null).Luminance();

        Assert.Equal(engine.Pixels8.ToArray(), screen.Luminance().Pixels8.ToArray());
    }
}
