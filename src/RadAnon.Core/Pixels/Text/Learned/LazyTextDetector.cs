namespace RadAnon.Core.Pixels.Text.Learned;

/// <summary>
/// Loads the installed model on first use and tries again on later calls when that failed, so a host starts (and
/// header-only work runs) without it, while any pixel cleaning fails closed with <see cref="TextModelUnavailableException"/>.
/// </summary>
public sealed class LazyTextDetector : ILearnedTextDetector, IDisposable
{
    private readonly string? modelPath;
    private readonly Lock gate = new();
    private DbNetTextDetector? detector;

    public LazyTextDetector(string? modelPath = null)
    {
        this.modelPath = modelPath;
    }

    /// <summary>One detector for the process (the model's session is thread-safe and its memory is shared).</summary>
    public static LazyTextDetector Shared { get; } = new();

    public string ModelId => Detector.ModelId;

    public LearnedDetectorSettings Settings => LearnedDetectorSettings.Default;

    /// <summary>Loads the model and runs one blank overview pass at the model's full size (throws when the model is unavailable).</summary>
    public void Warm()
    {
        var side = Settings.OverviewLongSide;
        Detect(new byte[side * side], side, side, [LearnedPassPlan.Overview(side, side, Settings)]);
    }

    public TextProbabilityMap Detect(ReadOnlySpan<byte> view, int width, int height, IReadOnlyList<LearnedPass> passes) =>
        Detector.Detect(view, width, height, passes);

    public void Dispose() => detector?.Dispose();

    private DbNetTextDetector Detector
    {
        get
        {
            if (detector is { } ready)
            {
                return ready;
            }

            lock (gate)
            {
                return detector ??= DbNetTextDetector.Load(modelPath);
            }
        }
    }
}
