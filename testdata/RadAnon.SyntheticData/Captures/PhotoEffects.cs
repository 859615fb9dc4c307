using NetVips;

namespace RadAnon.SyntheticData.Captures;

/// <summary>What a phone camera does to a photo of a monitor after the geometry: vignetting, colour cast, blur, noise, JPEG.</summary>
internal static class PhotoEffects
{
    /// <summary>Darkens toward the corners by up to <paramref name="strength"/> and applies per-channel gains and an offset.</summary>
    public static void VignetteAndCast(RgbCanvas photo, double strength, (double R, double G, double B) gain, double offset)
    {
        var (cx, cy) = (photo.Width / 2.0, photo.Height / 2.0);
        var r2 = (cx * cx) + (cy * cy);
        var data = photo.Data;
        for (var y = 0; y < photo.Height; y++)
        {
            for (var x = 0; x < photo.Width; x++)
            {
                var v = 1 - (strength * (((x - cx) * (x - cx)) + ((y - cy) * (y - cy))) / r2);
                var i = ((y * photo.Width) + x) * 3;
                data[i] = Clamp((data[i] * v * gain.R) + offset);
                data[i + 1] = Clamp((data[i + 1] * v * gain.G) + offset);
                data[i + 2] = Clamp((data[i + 2] * v * gain.B) + offset);
            }
        }
    }

    /// <summary>Gaussian noise of <paramref name="sigma"/> levels on every sample.</summary>
    public static void Noise(RgbCanvas photo, Random rng, double sigma)
    {
        var data = photo.Data;
        for (var i = 0; i < data.Length; i++)
        {
            var n = Math.Sqrt(-2 * Math.Log(1.0 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
            data[i] = Clamp(data[i] + (sigma * n));
        }
    }

    /// <summary>Lens and motion softness: a Gaussian blur of <paramref name="sigma"/> pixels.</summary>
    public static RgbCanvas Blur(RgbCanvas photo, double sigma)
    {
        using var image = photo.ToVips();
        using var blurred = image.Gaussblur(sigma);
        return RgbCanvas.FromVips(blurred);
    }

    /// <summary>A JPEG round trip at <paramref name="quality"/> with the encoder's default chroma subsampling, as a phone saves.</summary>
    public static RgbCanvas Jpeg(RgbCanvas photo, int quality)
    {
        using var image = photo.ToVips();
        var bytes = image.JpegsaveBuffer(q: quality, keep: Enums.ForeignKeep.None);
        using var decoded = Image.NewFromBuffer(bytes);
        return RgbCanvas.FromVips(decoded);
    }

    private static byte Clamp(double v) => (byte)Math.Clamp(Math.Round(v), 0, 255);
}
