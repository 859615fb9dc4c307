namespace RadAnon.Dicom.Data;

/// <summary>One data element of a dataset: a value, a sequence of items, or encapsulated pixel fragments.</summary>
public abstract class DicomElement
{
    protected DicomElement(DicomTag tag, DicomVR vr)
    {
        Tag = tag;
        VR = vr;
    }

    public DicomTag Tag { get; }

    public DicomVR VR { get; }

    /// <summary>A deep copy whose values no longer share memory with the source file.</summary>
    public abstract DicomElement Clone();
}
