using RadAnon.Core.Pixels.Text.Learned;

namespace RadAnon.Core.Pixels.Text;

/// <summary>What every rule may look at for one image: its 8-bit view, noise level, the options and the readers.</summary>
internal sealed record DecisionContext
{
    public required byte[] View { get; init; }

    public required int Width { get; init; }

    public required int Height { get; init; }

    public required double Noise { get; init; }

    public required TextCleaningOptions Options { get; init; }

    public required TextClassifier Classifier { get; init; }

    public required CandidateReader Reader { get; init; }

    public required ILearnedTextDetector Learned { get; init; }

    /// <summary>The learned detector's overview pass of the whole image.</summary>
    public required TextProbabilityMap Overview { get; init; }

    /// <summary>The ink level above the noise at which a pixel is taken for ink (see <see cref="TextureCue.InkThreshold"/>).</summary>
    public int InkThreshold => TextureCue.InkThreshold(Noise);

    /// <summary>The contrast a drawn stroke has at least (see <see cref="TextDetector.StrokeContrast"/>).</summary>
    public int StrokeContrast => TextDetector.StrokeContrast(Noise);

    public PixelBox Bounds => new(0, 0, Width, Height);
}
