namespace RadAnon.Core.Pixels.Text;

/// <summary>
/// After redaction, OCR still read identifying text: the output is refused (hosts map this to HTTP 422) unless the
/// caller forces it. Carries counts only, never the text.
/// </summary>
public sealed class ResidualTextException : RadAnonException
{
    public ResidualTextException(int residualRegions)
        : base($"{residualRegions} region(s) still show identifying text after redaction; add them with regions= or force the output (it will not be marked clean)")
    {
        ResidualRegions = residualRegions;
    }

    public int ResidualRegions { get; }
}
