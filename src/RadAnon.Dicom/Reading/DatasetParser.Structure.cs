using RadAnon.Dicom.Data;

namespace RadAnon.Dicom.Reading;

/// <summary>Element headers, sequences and encapsulated fragments.</summary>
internal sealed partial class DatasetParser
{
    private readonly record struct ElementHeader(DicomTag Tag, DicomVR VR, uint Length, int Offset, int ValueOffset);

    private ElementHeader ReadHeader(ReadOnlySpan<byte> span, int position, int end, DicomTag tag, bool explicitVR, bool bigEndian)
    {
        if (!explicitVR)
        {
            var length = ReadUInt32(span, position + 4, bigEndian);
            return new ElementHeader(tag, ImplicitVR(tag, length), length, position, position + 8);
        }

        if (DicomVRExtensions.TryParse(span[position + 4], span[position + 5], out var vr))
        {
            if (vr.HasLongLength())
            {
                Require(position, 12, end, $"header of {tag}");
                return new ElementHeader(tag, vr, ReadUInt32(span, position + 8, bigEndian), position, position + 12);
            }

            return new ElementHeader(tag, ResolveAmbiguousExplicit(tag, vr), ReadUInt16(span, position + 6, bigEndian), position, position + 8);
        }

        if (span[position + 4] is >= (byte)'A' and <= (byte)'Z' && span[position + 5] is >= (byte)'A' and <= (byte)'Z')
        {
            // PS3.5 6.2: a VR this edition does not define is read like UN (reserved bytes, 32-bit length).
            Require(position, 12, end, $"header of {tag}");
            return new ElementHeader(tag, DicomVR.UN, ReadUInt32(span, position + 8, bigEndian), position, position + 12);
        }

        throw Invalid($"element {tag} has no valid VR in an explicit VR dataset (bytes {span[position + 4]:X2} {span[position + 5]:X2})", position + 4);
    }

    /// <summary>Explicit files sometimes write OB for OW-only attributes and so on; the encoded VR wins.</summary>
    private static DicomVR ResolveAmbiguousExplicit(DicomTag tag, DicomVR vr) => vr;

    /// <summary>Implicit VR: the dictionary says, with context rules for attributes that allow several VRs.</summary>
    private DicomVR ImplicitVR(DicomTag tag, uint length)
    {
        if (tag.IsGroupLength)
        {
            return DicomVR.UL;
        }

        if (tag.IsPrivate)
        {
            return tag.IsPrivateCreator ? DicomVR.LO : length == UndefinedLength ? DicomVR.SQ : DicomVR.UN;
        }

        var entry = DicomDictionary.Lookup(tag);
        if (entry is null)
        {
            return length == UndefinedLength ? DicomVR.SQ : DicomVR.UN;
        }

        return ResolveAmbiguous(tag, entry.DefaultVR, entry.ValueRepresentations);
    }

    private DicomVR ResolveAmbiguous(DicomTag tag, DicomVR defaultVR, IReadOnlyList<DicomVR>? choices = null)
    {
        choices ??= DicomDictionary.Lookup(tag)?.ValueRepresentations ?? [defaultVR];
        if (choices.Count < 2)
        {
            return defaultVR;
        }

        if (choices.Contains(DicomVR.SS) && choices.Contains(DicomVR.US))
        {
            return _pixelRepresentation == 1 ? DicomVR.SS : DicomVR.US;
        }

        // Implicit VR little endian encodes pixel data, overlays and LUT data as OW (PS3.5 A.1).
        return choices.Contains(DicomVR.OW) ? DicomVR.OW : defaultVR;
    }

    private DicomSequence ReadSequence(DicomTag tag, ref int position, int end, bool undefinedLength, int depth, bool explicitVR, bool bigEndian)
    {
        if (depth + 1 > _options.MaxNestingDepth)
        {
            throw Invalid($"sequence {tag} nests deeper than {_options.MaxNestingDepth} levels (MaxNestingDepth)", position);
        }

        var sequence = new DicomSequence(tag) { UndefinedLength = undefinedLength };
        var span = _buffer.Span;
        while (true)
        {
            if (!undefinedLength && position >= end)
            {
                return sequence;
            }

            Require(position, 8, end, $"items of sequence {tag}");
            var itemTag = new DicomTag(ReadUInt16(span, position, bigEndian), ReadUInt16(span, position + 2, bigEndian));
            var itemLength = ReadUInt32(span, position + 4, bigEndian);
            if (itemTag == DicomTag.SequenceDelimitation)
            {
                position += 8;
                if (undefinedLength)
                {
                    return sequence;
                }

                continue; // tolerated inside a defined-length sequence, as dcmtk does
            }

            if (itemTag != DicomTag.Item)
            {
                throw Invalid($"sequence {tag} holds {itemTag} where an item (FFFE,E000) belongs", position);
            }

            position += 8;
            var item = new DicomDataset { UndefinedLength = itemLength == UndefinedLength };
            if (itemLength == UndefinedLength)
            {
                position = ParseElements(item, position, end, depth + 1, stopAtItemDelimiter: true, explicitVR, bigEndian);
            }
            else
            {
                if (itemLength > (uint)(end - position))
                {
                    throw Invalid($"item of sequence {tag} length {itemLength} exceeds the remaining {end - position} bytes", position - 8);
                }

                var itemEnd = position + (int)itemLength;
                ParseElements(item, position, itemEnd, depth + 1, stopAtItemDelimiter: false, explicitVR, bigEndian);
                position = itemEnd;
            }

            sequence.Add(item);
        }
    }

    private DicomFragments ReadFragments(DicomTag tag, DicomVR vr, ref int position, int end)
    {
        var span = _buffer.Span;
        var fragments = new List<ReadOnlyMemory<byte>>();
        ReadOnlyMemory<byte>? offsetTable = null;
        long total = 0;
        while (true)
        {
            Require(position, 8, end, $"fragments of {tag}");
            // Encapsulated data is always little endian (PS3.5 A.4).
            var itemTag = new DicomTag(ReadUInt16(span, position, false), ReadUInt16(span, position + 2, false));
            var length = ReadUInt32(span, position + 4, false);
            if (itemTag == DicomTag.SequenceDelimitation)
            {
                position += 8;
                break;
            }

            if (itemTag != DicomTag.Item)
            {
                throw Invalid($"encapsulated {tag} holds {itemTag} where a fragment item belongs", position);
            }

            if (length > (uint)(end - position - 8))
            {
                throw Invalid($"fragment of {tag} length {length} exceeds the remaining {end - position - 8} bytes", position);
            }

            total += length;
            if (total > _options.MaxPixelDataBytes)
            {
                throw Invalid($"encapsulated pixel data exceeds the limit of {_options.MaxPixelDataBytes} bytes (MaxPixelDataBytes)", position);
            }

            var value = _buffer.Slice(position + 8, (int)length);
            position += 8 + (int)length;
            if (offsetTable is null)
            {
                offsetTable = value;
            }
            else
            {
                fragments.Add(value);
            }
        }

        return new DicomFragments(tag, vr == DicomVR.UN ? DicomVR.OB : vr, offsetTable ?? ReadOnlyMemory<byte>.Empty, fragments);
    }
}
