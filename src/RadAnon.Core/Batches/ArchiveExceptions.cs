namespace RadAnon.Core.Batches;

/// <summary>A ZIP that cannot be read: no end record, a broken central directory, corrupt entry data.</summary>
public sealed class InvalidArchiveException : RadAnonException
{
    public InvalidArchiveException(string message)
        : base(message)
    {
    }

    public InvalidArchiveException(string message, Exception inner)
        : base(message, inner)
    {
    }
}

/// <summary>
/// A ZIP that would be dangerous to unpack: a path leaving the archive, a symbolic link, an encrypted entry, a
/// duplicate path, a compression ratio like a ZIP bomb's, or an entry that inflates past its declared size.
/// </summary>
public sealed class UnsafeArchiveException : RadAnonException
{
    public UnsafeArchiveException(string message)
        : base(message)
    {
    }
}

/// <summary>A ZIP over a configured batch limit: too many entries, an entry or the declared total too large.</summary>
public sealed class ArchiveTooLargeException : RadAnonException
{
    public ArchiveTooLargeException(string message)
        : base(message)
    {
    }
}
