namespace RadAnon.Core.Pixels.Text;

/// <summary>
/// An exact share of a whole (<see cref="Numerator"/> / <see cref="Denominator"/>) for thresholds on integer sizes and
/// counts: taken and compared in integers, so "a third of the glyph height" rounds the same way wherever it is used and
/// never drifts by a floating-point ulp at a boundary.
/// </summary>
internal readonly record struct Fraction(int Numerator, int Denominator)
{
    /// <summary>The share of <paramref name="whole"/>, rounded toward zero.</summary>
    public int Of(int whole) => (int)((long)whole * Numerator / Denominator);

    /// <summary>part / whole is above the share.</summary>
    public bool ExceededBy(long part, long whole) => part * Denominator > whole * Numerator;

    /// <summary>part / whole is the share or above.</summary>
    public bool ReachedBy(long part, long whole) => part * Denominator >= whole * Numerator;

    /// <summary>part / whole is below the share.</summary>
    public bool NotReachedBy(long part, long whole) => !ReachedBy(part, whole);

    /// <summary>part / whole is the share or below.</summary>
    public bool NotExceededBy(long part, long whole) => !ExceededBy(part, whole);
}
