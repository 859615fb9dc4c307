namespace RadAnon.Core.Pixels.Text.Learned;

/// <summary>A learned detector that gives, for an 8-bit view of an image, how likely each place is to be text.</summary>
public interface ILearnedTextDetector
{
    /// <summary>The model's name and hash, for the report.</summary>
    string ModelId { get; }

    LearnedDetectorSettings Settings { get; }

    /// <summary>
    /// The text probability of <paramref name="view"/> (row-major, <paramref name="width"/> × <paramref name="height"/>)
    /// from the given passes (see <see cref="LearnedPassPlan"/>).
    /// </summary>
    TextProbabilityMap Detect(ReadOnlySpan<byte> view, int width, int height, IReadOnlyList<LearnedPass> passes);
}
