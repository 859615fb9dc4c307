namespace RadAnon.Dicom;

/// <summary>Pixel data uses an encoding RadAnon cannot decode; header-only work still succeeds.</summary>
public sealed class UnsupportedTransferSyntaxException : RadAnonException
{
    public UnsupportedTransferSyntaxException(string transferSyntaxUid, string? detail = null)
        : base($"transfer syntax {transferSyntaxUid} ({TransferSyntax.Lookup(transferSyntaxUid).Name}) is not supported"
            + (detail is null ? string.Empty : ": " + detail))
    {
        TransferSyntaxUid = transferSyntaxUid;
    }

    public string TransferSyntaxUid { get; }
}
