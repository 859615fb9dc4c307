using System.Buffers.Binary;

namespace RadAnon.Dicom.Data;

/// <summary>Writing values: text is encoded with the dataset's character set and padded to even length.</summary>
public sealed partial class DicomDataset
{
    /// <summary>Sets a string value (several values joined by backslash), VR from the dictionary when not given.</summary>
    public void AddOrUpdate(DicomTag tag, string value) => AddOrUpdate(tag, DicomDictionary.Lookup(tag)?.DefaultVR ?? DicomVR.UN, value);

    public void AddOrUpdate(DicomTag tag, DicomVR vr, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!vr.IsString())
        {
            throw new ArgumentException($"{vr} is not a string VR; use the numeric overloads for {tag}.", nameof(vr));
        }

        var bytes = CharacterSet.Encode(value, vr);
        if ((bytes.Length & 1) == 1)
        {
            Array.Resize(ref bytes, bytes.Length + 1);
            bytes[^1] = vr.PaddingByte();
        }

        AddOrReplace(new DicomValueElement(tag, vr, bytes));
    }

    public void AddOrUpdate(DicomTag tag, DicomVR vr, params IReadOnlyList<string> values) => AddOrUpdate(tag, vr, string.Join('\\', values));

    /// <summary>Sets US values (the common case for image pixel attributes).</summary>
    public void AddOrUpdate(DicomTag tag, DicomVR vr, params IReadOnlyList<ushort> values)
    {
        var unit = vr.UnitSize();
        if (unit != 2)
        {
            throw new ArgumentException($"{vr} does not hold 16-bit values.", nameof(vr));
        }

        var bytes = new byte[values.Count * 2];
        for (var i = 0; i < values.Count; i++)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(i * 2), values[i]);
        }

        AddOrReplace(new DicomValueElement(tag, vr, bytes));
    }

    /// <summary>Sets an element to zero length (PS3.15 action Z).</summary>
    public void SetEmpty(DicomTag tag, DicomVR vr)
    {
        if (vr == DicomVR.SQ)
        {
            AddOrReplace(new DicomSequence(tag));
        }
        else
        {
            AddOrReplace(new DicomValueElement(tag, vr, ReadOnlyMemory<byte>.Empty));
        }
    }
}
