namespace RadAnon.Core.Pixels.Text;

/// <summary>A top-hat or black-hat response at one detection scale with its hysteresis thresholds.</summary>
internal sealed class ContrastMap
{
    public ContrastMap(byte[] values, int width, int height, int scale, TextPolarity polarity, int lowThreshold, int strongThreshold)
    {
        Values = values;
        Width = width;
        Height = height;
        Scale = scale;
        Polarity = polarity;
        LowThreshold = lowThreshold;
        StrongThreshold = strongThreshold;
    }

    public byte[] Values { get; }

    public int Width { get; }

    public int Height { get; }

    public int Scale { get; }

    public TextPolarity Polarity { get; }

    public int LowThreshold { get; }

    public int StrongThreshold { get; }
}
