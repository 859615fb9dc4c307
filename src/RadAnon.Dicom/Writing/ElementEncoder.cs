using System.Buffers.Binary;
using RadAnon.Dicom.Data;
using RadAnon.Dicom.Reading;

namespace RadAnon.Dicom.Writing;

/// <summary>Encodes elements, sequences and fragments in one syntax; measures lengths for defined-length forms.</summary>
internal sealed class ElementEncoder
{
    private const uint UndefinedLength = 0xFFFFFFFF;
    private readonly Stream _stream;
    private readonly bool _explicitVR;
    private readonly bool _bigEndian;

    public ElementEncoder(Stream stream, bool explicitVR, bool bigEndian)
    {
        _stream = stream;
        _explicitVR = explicitVR;
        _bigEndian = bigEndian;
    }

    public void WriteDataset(DicomDataset dataset)
    {
        foreach (var element in dataset)
        {
            if (element.Tag.IsGroupLength && element is DicomValueElement)
            {
                WriteGroupLength(dataset, element.Tag);
                continue;
            }

            if (_bigEndian && element is DicomValueElement { VR: DicomVR.OW } pixels && element.Tag == DicomTags.PixelData
                && dataset.GetOrDefault<int>(DicomTags.BitsAllocated, 16) == 32)
            {
                WriteValue(pixels, unitOverride: 4); // mirror of the reader: 32-bit pixels swap as whole words
                continue;
            }

            WriteElement(element);
        }
    }

    private void WriteGroupLength(DicomDataset dataset, DicomTag tag)
    {
        long length = 0;
        foreach (var e in dataset)
        {
            if (e.Tag.Group == tag.Group && !e.Tag.IsGroupLength)
            {
                length += Measure(e);
            }
        }

        var value = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(value, checked((uint)length));
        WriteElement(new DicomValueElement(tag, DicomVR.UL, value));
    }

    private void WriteElement(DicomElement element)
    {
        switch (element)
        {
            case DicomValueElement value:
                WriteValue(value);
                break;
            case DicomSequence sequence:
                WriteSequence(sequence);
                break;
            case DicomFragments fragments:
                WriteFragments(fragments);
                break;
            default:
                throw new InvalidOperationException($"cannot encode {element.GetType().Name}");
        }
    }

    private void WriteValue(DicomValueElement element, int unitOverride = 0)
    {
        var data = element.Data.Span;
        var padded = data.Length + (data.Length & 1);
        WriteHeader(element.Tag, EncodedVR(element.VR, padded), (uint)padded);
        var swapUnit = unitOverride > 0 ? unitOverride : element.VR == DicomVR.AT ? 2 : element.VR.UnitSize();
        if (_bigEndian && swapUnit is var unit and > 1)
        {
            var copy = data.ToArray();
            ByteOrder.Swap(copy, unit);
            _stream.Write(copy);
        }
        else
        {
            _stream.Write(data);
        }

        if ((data.Length & 1) == 1)
        {
            _stream.WriteByte(element.VR.PaddingByte());
        }
    }

    private void WriteSequence(DicomSequence sequence)
    {
        WriteHeader(sequence.Tag, DicomVR.SQ, sequence.UndefinedLength ? UndefinedLength : checked((uint)MeasureSequenceContent(sequence)));
        foreach (var item in sequence.Items)
        {
            WriteTag(DicomTag.Item, item.UndefinedLength ? UndefinedLength : checked((uint)MeasureDataset(item)));
            WriteDataset(item);
            if (item.UndefinedLength)
            {
                WriteTag(DicomTag.ItemDelimitation, 0);
            }
        }

        if (sequence.UndefinedLength)
        {
            WriteTag(DicomTag.SequenceDelimitation, 0);
        }
    }

    private void WriteFragments(DicomFragments fragments)
    {
        WriteHeader(fragments.Tag, fragments.VR == DicomVR.OW ? DicomVR.OW : DicomVR.OB, UndefinedLength);
        WriteFragment(fragments.OffsetTable.Span);
        foreach (var fragment in fragments.Fragments)
        {
            WriteFragment(fragment.Span);
        }

        WriteTagLittleEndian(DicomTag.SequenceDelimitation, 0);
    }

    private void WriteFragment(ReadOnlySpan<byte> data)
    {
        var odd = data.Length & 1;
        WriteTagLittleEndian(DicomTag.Item, (uint)(data.Length + odd));
        _stream.Write(data);
        if (odd == 1)
        {
            _stream.WriteByte(0);
        }
    }

    /// <summary>Short-length VRs cannot hold more than 65,534 bytes in explicit VR: such values go out as UN.</summary>
    private DicomVR EncodedVR(DicomVR vr, long length) =>
        _explicitVR && !vr.HasLongLength() && length > 0xFFFE ? DicomVR.UN : vr;

    private long Measure(DicomElement element)
    {
        switch (element)
        {
            case DicomValueElement value:
                var padded = value.Length + (value.Length & 1);
                return HeaderLength(EncodedVR(value.VR, padded)) + padded;
            case DicomSequence sequence:
                var content = MeasureSequenceContent(sequence);
                return HeaderLength(DicomVR.SQ) + content + (sequence.UndefinedLength ? 8 : 0);
            case DicomFragments fragments:
                long total = HeaderLength(DicomVR.OB) + 8 + fragments.OffsetTable.Length + (fragments.OffsetTable.Length & 1) + 8;
                foreach (var f in fragments.Fragments)
                {
                    total += 8 + f.Length + (f.Length & 1);
                }

                return total;
            default:
                return 0;
        }
    }

    private long MeasureSequenceContent(DicomSequence sequence)
    {
        long total = 0;
        foreach (var item in sequence.Items)
        {
            total += 8 + MeasureDataset(item) + (item.UndefinedLength ? 8 : 0);
        }

        return total;
    }

    private long MeasureDataset(DicomDataset dataset)
    {
        long total = 0;
        foreach (var element in dataset)
        {
            total += element.Tag.IsGroupLength && element is DicomValueElement ? HeaderLength(DicomVR.UL) + 4 : Measure(element);
        }

        return total;
    }

    private int HeaderLength(DicomVR vr) => !_explicitVR ? 8 : vr.HasLongLength() ? 12 : 8;

    private void WriteHeader(DicomTag tag, DicomVR vr, uint length)
    {
        Span<byte> header = stackalloc byte[12];
        WriteUInt16(header, tag.Group);
        WriteUInt16(header[2..], tag.Element);
        if (!_explicitVR)
        {
            WriteUInt32(header[4..], length);
            _stream.Write(header[..8]);
            return;
        }

        var code = vr.ToString();
        header[4] = (byte)code[0];
        header[5] = (byte)code[1];
        if (vr.HasLongLength())
        {
            header[6] = 0;
            header[7] = 0;
            WriteUInt32(header[8..], length);
            _stream.Write(header);
        }
        else
        {
            WriteUInt16(header[6..], (ushort)length);
            _stream.Write(header[..8]);
        }
    }

    private void WriteTag(DicomTag tag, uint length)
    {
        Span<byte> header = stackalloc byte[8];
        WriteUInt16(header, tag.Group);
        WriteUInt16(header[2..], tag.Element);
        WriteUInt32(header[4..], length);
        _stream.Write(header);
    }

    private void WriteTagLittleEndian(DicomTag tag, uint length)
    {
        Span<byte> header = stackalloc byte[8];
        BinaryPrimitives.WriteUInt16LittleEndian(header, tag.Group);
        BinaryPrimitives.WriteUInt16LittleEndian(header[2..], tag.Element);
        BinaryPrimitives.WriteUInt32LittleEndian(header[4..], length);
        _stream.Write(header);
    }

    private void WriteUInt16(Span<byte> span, ushort value)
    {
        if (_bigEndian)
        {
            BinaryPrimitives.WriteUInt16BigEndian(span, value);
        }
        else
        {
            BinaryPrimitives.WriteUInt16LittleEndian(span, value);
        }
    }

    private void WriteUInt32(Span<byte> span, uint value)
    {
        if (_bigEndian)
        {
            BinaryPrimitives.WriteUInt32BigEndian(span, value);
        }
        else
        {
            BinaryPrimitives.WriteUInt32LittleEndian(span, value);
        }
    }
}
