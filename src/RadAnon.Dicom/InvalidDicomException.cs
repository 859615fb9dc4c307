namespace RadAnon.Dicom;

/// <summary>The input is not well-formed DICOM; <see cref="Offset"/> is where the reader gave up.</summary>
public sealed class InvalidDicomException : RadAnonException
{
    public InvalidDicomException(string message, long offset)
        : base(offset >= 0 ? $"{message} at offset {offset}" : message)
    {
        Offset = offset;
    }

    public InvalidDicomException(string message, long offset, Exception? inner)
        : base(offset >= 0 ? $"{message} at offset {offset}" : message, inner)
    {
        Offset = offset;
    }

    /// <summary>Byte offset in the file (or in the inflated stream for deflated syntaxes), or -1 when unknown.</summary>
    public long Offset { get; }
}
