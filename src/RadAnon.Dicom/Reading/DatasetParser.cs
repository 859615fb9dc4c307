using System.Buffers.Binary;
using RadAnon.Dicom.Data;

namespace RadAnon.Dicom.Reading;

/// <summary>
/// Parses a dataset from an in-memory buffer in one transfer syntax. Every read is bounds-checked first;
/// nesting and element counts are limited so hostile input ends in <see cref="InvalidDicomException"/>,
/// never in a stack overflow or an unbounded allocation. Values are slices of the buffer, not copies
/// (big-endian values are the exception: they are swapped into a copy).
/// </summary>
internal sealed partial class DatasetParser
{
    private const uint UndefinedLength = 0xFFFFFFFF;

    private readonly ReadOnlyMemory<byte> _buffer;
    private readonly DicomReadOptions _options;
    private readonly long _baseOffset;
    private int _elementCount;
    private int _pixelRepresentation;
    private int _bitsAllocated;

    /// <param name="baseOffset">Added to positions in error messages, so they are offsets in the file.</param>
    public DatasetParser(ReadOnlyMemory<byte> buffer, bool explicitVR, bool bigEndian, DicomReadOptions options, long baseOffset = 0)
    {
        _buffer = buffer;
        ExplicitVR = explicitVR;
        BigEndian = bigEndian;
        _options = options;
        _baseOffset = baseOffset;
    }

    public bool ExplicitVR { get; }

    /// <summary>Tolerated irregularities met while parsing (tags and reasons only, never values).</summary>
    public List<string> Warnings { get; } = [];

    public bool BigEndian { get; }

    /// <summary>Parses elements from <paramref name="position"/> to the end of the buffer.</summary>
    public DicomDataset ParseToEnd(int position)
    {
        var dataset = new DicomDataset();
        var end = ParseElements(dataset, position, _buffer.Length, depth: 0, stopAtItemDelimiter: false, ExplicitVR, BigEndian);
        if (end != _buffer.Length)
        {
            throw Invalid("an item delimiter appears outside any sequence", end);
        }

        return dataset;
    }

    /// <summary>Parses consecutive elements of one group (the file meta group); returns where the group ends.</summary>
    public int ParseGroup(DicomDataset dataset, int position, ushort group)
    {
        var span = _buffer.Span;
        while (position + 8 <= _buffer.Length && ReadUInt16(span, position, BigEndian) == group)
        {
            var tag = new DicomTag(group, ReadUInt16(span, position + 2, BigEndian));
            var header = ReadHeader(span, position, _buffer.Length, tag, ExplicitVR, BigEndian);
            position = header.ValueOffset;
            dataset.AddOrReplace(ReadValue(header, ref position, _buffer.Length, 0, ExplicitVR, BigEndian));
        }

        return position;
    }

    /// <summary>
    /// Parses elements into <paramref name="dataset"/> until <paramref name="end"/> or, when asked, an item
    /// delimitation item. Returns the position after the last byte consumed.
    /// </summary>
    private int ParseElements(DicomDataset dataset, int position, int end, int depth, bool stopAtItemDelimiter, bool explicitVR, bool bigEndian)
    {
        var span = _buffer.Span;
        while (position < end)
        {
            Require(position, 8, end, "element header");
            var group = ReadUInt16(span, position, bigEndian);
            var elementNumber = ReadUInt16(span, position + 2, bigEndian);
            var tag = new DicomTag(group, elementNumber);
            if (tag == DicomTag.ItemDelimitation)
            {
                if (!stopAtItemDelimiter)
                {
                    throw Invalid("an item delimitation item appears where no item is open", position);
                }

                return position + 8;
            }

            if (tag == DicomTag.SequenceDelimitation && !stopAtItemDelimiter && depth == 0 && IsOnlyPaddingAfter(span, position + 8, end))
            {
                // A stray sequence delimiter at the very end of a file is a known writer bug; dcmtk skips it too.
                return end;
            }

            if (tag.IsDelimiter)
            {
                throw Invalid($"unexpected {tag} in a dataset", position);
            }

            if (++_elementCount > _options.MaxElements)
            {
                throw Invalid($"more than {_options.MaxElements} elements (MaxElements)", position);
            }

            var header = ReadHeader(span, position, end, tag, explicitVR, bigEndian);
            position = header.ValueOffset;
            var element = ReadValue(header, ref position, end, depth, explicitVR, bigEndian);
            if (tag == DicomTags.PixelRepresentation && element is DicomValueElement pr && pr.Length >= 2)
            {
                _pixelRepresentation = BinaryPrimitives.ReadUInt16LittleEndian(pr.Data.Span);
            }
            else if (tag == DicomTags.BitsAllocated && element is DicomValueElement ba && ba.Length >= 2)
            {
                _bitsAllocated = BinaryPrimitives.ReadUInt16LittleEndian(ba.Data.Span);
            }

            dataset.AddOrReplace(element);
        }

        if (stopAtItemDelimiter && position >= end)
        {
            throw Invalid("an item of undefined length has no item delimitation item", position);
        }

        return position;
    }

    private DicomElement ReadValue(ElementHeader header, ref int position, int end, int depth, bool explicitVR, bool bigEndian)
    {
        var tag = header.Tag;
        var vr = header.VR;
        if (header.Length == UndefinedLength)
        {
            if (IsPixelData(tag) && vr is DicomVR.OB or DicomVR.OW or DicomVR.UN)
            {
                return ReadFragments(tag, vr, ref position, end);
            }

            if (vr == DicomVR.UN)
            {
                // PS3.5 6.2.2: a UN of undefined length holds a sequence in implicit VR little endian.
                Warnings.Add($"UN element {tag} of undefined length read as a sequence (CP-246); it is written back as SQ");
                return ReadSequence(tag, ref position, end, undefinedLength: true, depth, explicitVR: false, bigEndian: false);
            }

            if (vr == DicomVR.SQ || !explicitVR)
            {
                return ReadSequence(tag, ref position, end, undefinedLength: true, depth, explicitVR, bigEndian);
            }

            throw Invalid($"element {tag} of VR {vr} has undefined length, which only SQ, UN and encapsulated pixel data may have", header.Offset);
        }

        var length = (int)Math.Min(header.Length, int.MaxValue);
        if (header.Length > (uint)(end - position))
        {
            throw Invalid($"element {tag} length {header.Length} exceeds the remaining {end - position} bytes", header.Offset);
        }

        if (IsPixelData(tag) && header.Length > _options.MaxPixelDataBytes)
        {
            throw Invalid($"pixel data of {header.Length} bytes exceeds the limit of {_options.MaxPixelDataBytes} (MaxPixelDataBytes)", header.Offset);
        }

        if (vr == DicomVR.SQ)
        {
            var sequence = ReadSequence(tag, ref position, position + length, undefinedLength: false, depth, explicitVR, bigEndian);
            return sequence;
        }

        var value = _buffer.Slice(position, length);
        position += length;
        if (vr == DicomVR.UN && explicitVR && DicomDictionary.Lookup(tag) is { } known && !tag.IsPrivate)
        {
            // Explicit files carry UN when the writer did not know the attribute; the dictionary does.
            return ReinterpretUnknown(tag, known.DefaultVR, value, header.ValueOffset, depth);
        }

        if (bigEndian && tag == DicomTags.PixelData && vr == DicomVR.OW && _bitsAllocated == 32)
        {
            // 32-bit pixels in a big-endian file are whole big-endian words, not pairs of 16-bit OW words.
            return new DicomValueElement(tag, vr, ByteOrder.ToLittleEndian(value, DicomVR.OL));
        }

        return new DicomValueElement(tag, vr, bigEndian ? ByteOrder.ToLittleEndian(value, vr) : value);
    }

    private DicomElement ReinterpretUnknown(DicomTag tag, DicomVR knownVR, ReadOnlyMemory<byte> value, int valueOffset, int depth)
    {
        if (knownVR != DicomVR.SQ)
        {
            return new DicomValueElement(tag, ResolveAmbiguous(tag, knownVR), value);
        }

        try
        {
            var position = valueOffset;
            return ReadSequence(tag, ref position, position + value.Length, undefinedLength: false, depth, explicitVR: false, bigEndian: false);
        }
        catch (InvalidDicomException)
        {
            // The bytes are not a well-formed implicit sequence: keep them opaque rather than guess.
            return new DicomValueElement(tag, DicomVR.UN, value);
        }
    }

    private static bool IsPixelData(DicomTag tag) =>
        tag.Group == 0x7FE0 && tag.Element is 0x0010 or 0x0008 or 0x0009;

    private static bool IsOnlyPaddingAfter(ReadOnlySpan<byte> span, int position, int end)
    {
        for (var i = position; i < end; i++)
        {
            if (span[i] != 0)
            {
                return false;
            }
        }

        return true;
    }

    private void Require(int position, int count, int end, string what)
    {
        if (position < 0 || (long)position + count > end)
        {
            throw Invalid($"the file ends inside the {what} ({count} bytes needed, {Math.Max(0, end - position)} left)", position);
        }
    }

    private InvalidDicomException Invalid(string message, long position) => new(message, _baseOffset + position);

    private static ushort ReadUInt16(ReadOnlySpan<byte> span, int position, bool bigEndian) => bigEndian
        ? BinaryPrimitives.ReadUInt16BigEndian(span[position..])
        : BinaryPrimitives.ReadUInt16LittleEndian(span[position..]);

    private static uint ReadUInt32(ReadOnlySpan<byte> span, int position, bool bigEndian) => bigEndian
        ? BinaryPrimitives.ReadUInt32BigEndian(span[position..])
        : BinaryPrimitives.ReadUInt32LittleEndian(span[position..]);
}
