namespace RadAnon.Core.Provenance.Ledger;

/// <summary>
/// The ledger could not be reached or written. Hosts refuse the request (HTTP 503) rather than return an
/// output that has no provenance record.
/// </summary>
public sealed class LedgerUnavailableException : RadAnonException
{
    public LedgerUnavailableException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}
