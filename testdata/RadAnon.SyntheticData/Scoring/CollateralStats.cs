namespace RadAnon.SyntheticData.Scoring;

/// <summary>Per-image collateral (changed pixels outside text over pixels outside text): mean, p95 and max over a set.</summary>
public sealed class CollateralStats
{
    private readonly List<(int Seed, double Fraction)> images = [];

    public int Count => images.Count;

    public double Mean => images.Count == 0 ? 0 : images.Average(i => i.Fraction);

    /// <summary>Nearest-rank 95th percentile.</summary>
    public double P95 => Percentile(0.95);

    public double Max => images.Count == 0 ? 0 : images.Max(i => i.Fraction);

    public void Add(int seed, double fraction) => images.Add((seed, fraction));

    /// <summary>The <paramref name="n"/> images with the most collateral, worst first (seed order breaks ties).</summary>
    public IReadOnlyList<(int Seed, double Fraction)> Worst(int n) =>
        images.OrderByDescending(i => i.Fraction).ThenBy(i => i.Seed).Take(n).ToList();

    public double Percentile(double p)
    {
        if (images.Count == 0)
        {
            return 0;
        }

        var sorted = images.Select(i => i.Fraction).Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    public override string ToString() => FormattableString.Invariant($"collateral per image mean {Mean:P3} p95 {P95:P3} max {Max:P3}");
}
