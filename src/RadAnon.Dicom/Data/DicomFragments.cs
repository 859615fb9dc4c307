namespace RadAnon.Dicom.Data;

/// <summary>
/// Encapsulated pixel data (PS3.5 A.4): a Basic Offset Table item followed by one or more fragments.
/// A frame may span several fragments; <see cref="Pixels.FrameLocator"/> works out which.
/// </summary>
public sealed class DicomFragments : DicomElement
{
    public DicomFragments(DicomTag tag, DicomVR vr, ReadOnlyMemory<byte> offsetTable, IEnumerable<ReadOnlyMemory<byte>> fragments)
        : base(tag, vr)
    {
        OffsetTable = offsetTable;
        Fragments = [.. fragments];
    }

    /// <summary>The Basic Offset Table item's value (often empty): little-endian 32-bit offsets.</summary>
    public ReadOnlyMemory<byte> OffsetTable { get; }

    public IReadOnlyList<ReadOnlyMemory<byte>> Fragments { get; }

    public override DicomElement Clone() =>
        new DicomFragments(Tag, VR, OffsetTable.ToArray(), Fragments.Select(f => (ReadOnlyMemory<byte>)f.ToArray()));
}
