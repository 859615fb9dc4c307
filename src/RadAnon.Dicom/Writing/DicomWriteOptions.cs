namespace RadAnon.Dicom.Writing;

/// <summary>How to write a file.</summary>
public sealed record DicomWriteOptions
{
    public static DicomWriteOptions Default { get; } = new();

    /// <summary>
    /// The syntax to write; null keeps the syntax the file was read in. Native syntaxes convert freely among
    /// themselves; encapsulated pixel data can only be written in its own syntax (decode it first to change).
    /// </summary>
    public TransferSyntax? TransferSyntax { get; init; }

    /// <summary>Implementation Class UID written to (0002,0012): RadAnon's own UID root.</summary>
    public string ImplementationClassUid { get; init; } = ImplementationIdentity.ClassUid;

    /// <summary>Implementation Version Name written to (0002,0013).</summary>
    public string ImplementationVersionName { get; init; } = ImplementationIdentity.VersionName;
}
