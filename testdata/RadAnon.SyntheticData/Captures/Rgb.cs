namespace RadAnon.SyntheticData.Captures;

/// <summary>An 8-bit sRGB colour.</summary>
public readonly record struct Rgb(byte R, byte G, byte B)
{
    /// <summary>BT.601 luminance, rounded the way the engine turns an RGB raster into its gray image.</summary>
    public int Luma => ((299 * R) + (587 * G) + (114 * B) + 500) / 1000;

    public static Rgb Gray(int v) => new((byte)v, (byte)v, (byte)v);

    public override string ToString() => $"#{R:X2}{G:X2}{B:X2}";
}
