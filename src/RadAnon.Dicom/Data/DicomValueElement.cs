namespace RadAnon.Dicom.Data;

/// <summary>
/// An element with a plain value. <see cref="Data"/> holds the value bytes in little-endian order as read
/// (big-endian input is swapped once on read), without padding removed. It may be a slice of the file's
/// buffer, so reading a large pixel value does not copy it again.
/// </summary>
public sealed class DicomValueElement : DicomElement
{
    public DicomValueElement(DicomTag tag, DicomVR vr, ReadOnlyMemory<byte> data)
        : base(tag, vr)
    {
        Data = data;
    }

    public ReadOnlyMemory<byte> Data { get; }

    public int Length => Data.Length;

    public override DicomElement Clone() => new DicomValueElement(Tag, VR, Data.ToArray());
}
