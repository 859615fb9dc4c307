using RadAnon.Dicom;
using RadAnon.Dicom.Data;

namespace RadAnon.Core.Pixels;

/// <summary>A DICOM LUT (modality, VOI or palette): descriptor [entries, first mapped value, bits] and data.</summary>
internal sealed class LookupTable
{
    private readonly ushort[] _entries;

    private LookupTable(ushort[] entries, int firstMapped, int bits)
    {
        _entries = entries;
        FirstMapped = firstMapped;
        Bits = bits;
    }

    public int FirstMapped { get; }

    public int Bits { get; }

    public int MaxOutput => (1 << Bits) - 1;

    public double Map(double value)
    {
        var index = (int)Math.Clamp(Math.Round(value) - FirstMapped, 0, _entries.Length - 1);
        return _entries[index];
    }

    /// <summary>Reads a LUT from an item with LUTDescriptor/LUTData, or from the palette tags given.</summary>
    public static LookupTable? Read(DicomDataset item, DicomTag descriptorTag, DicomTag dataTag, bool firstMappedSigned)
    {
        if (Descriptor(item, descriptorTag, firstMappedSigned) is not var (count, first, bits) || item[dataTag] is not DicomValueElement data)
        {
            return null;
        }

        var raw = data.Data.Span;
        var entries = new ushort[count];
        var eightBitPacked = bits <= 8 && raw.Length < count * 2;
        for (var i = 0; i < count; i++)
        {
            if (eightBitPacked)
            {
                entries[i] = i < raw.Length ? raw[i] : (ushort)0;
            }
            else
            {
                entries[i] = (i * 2) + 1 < raw.Length ? System.Buffers.Binary.BinaryPrimitives.ReadUInt16LittleEndian(raw[(i * 2)..]) : (ushort)0;
            }
        }

        return new LookupTable(entries, first, bits);
    }

    /// <summary>
    /// Reads a segmented palette LUT (PS3.3 C.7.9.2): discrete segments (opcode 0, values as given), linear segments
    /// (opcode 1, a ramp from the previous value to the given one) and indirect segments (opcode 2, segments replayed
    /// from a word offset; not nested). Hostile tables are bounded: never more entries than the descriptor's count,
    /// never more than one level of indirection, and any malformed segment throws <see cref="InvalidDicomException"/>.
    /// </summary>
    public static LookupTable? ReadSegmented(DicomDataset item, DicomTag descriptorTag, DicomTag segmentedDataTag)
    {
        if (Descriptor(item, descriptorTag, firstMappedSigned: false) is not var (count, first, bits) || item[segmentedDataTag] is not DicomValueElement data)
        {
            return null;
        }

        var raw = data.Data.Span;
        var words = new ushort[raw.Length / 2];
        for (var i = 0; i < words.Length; i++)
        {
            words[i] = System.Buffers.Binary.BinaryPrimitives.ReadUInt16LittleEndian(raw[(i * 2)..]);
        }

        var entries = new List<ushort>(count);

        // Segments of zero length replayed by many indirect segments would add nothing yet take quadratic time: the
        // number of segments visited is capped at what a table of this size could honestly need.
        var budget = words.Length + (4 * count);
        Expand(words, 0, words.Length, int.MaxValue, entries, count, allowIndirect: true, ref budget);
        if (entries.Count == 0)
        {
            throw new InvalidDicomException($"segmented palette {segmentedDataTag} defines no entries", -1);
        }

        // Fewer entries than declared: the last one holds for the rest, as for any index past a LUT's end.
        var table = new ushort[count];
        for (var i = 0; i < count; i++)
        {
            table[i] = entries[Math.Min(i, entries.Count - 1)];
        }

        return new LookupTable(table, first, bits);
    }

    /// <summary>PS3.3 C.11.1.1: [entries (0 means 65536), first mapped value (signed when the input is), bits].</summary>
    private static (int Count, int First, int Bits)? Descriptor(DicomDataset item, DicomTag descriptorTag, bool firstMappedSigned)
    {
        var descriptor = item.GetValues<int>(descriptorTag);
        if (descriptor.Length < 3)
        {
            return null;
        }

        return (descriptor[0] == 0 ? 65536 : descriptor[0], firstMappedSigned ? (short)(ushort)descriptor[1] : descriptor[1], Math.Clamp(descriptor[2], 1, 16));
    }

    private static void Expand(ushort[] words, int start, int end, int maxSegments, List<ushort> entries, int limit, bool allowIndirect, ref int budget)
    {
        var at = start;

        // A lone last word is the padding to an even length, not a segment.
        for (var segment = 0; segment < maxSegments && at + 1 < end && entries.Count < limit; segment++)
        {
            if (--budget < 0)
            {
                throw new InvalidDicomException("segmented palette replays more segments than its size allows", -1);
            }

            var opcode = words[at];
            var length = words[at + 1];
            switch (opcode)
            {
                case 0:
                    if (at + 2 + length > end)
                    {
                        throw new InvalidDicomException($"discrete palette segment at word {at} declares {length} values past the table's end", -1);
                    }

                    for (var i = 0; i < length && entries.Count < limit; i++)
                    {
                        entries.Add(words[at + 2 + i]);
                    }

                    at += 2 + length;
                    break;
                case 1:
                    if (at + 2 >= end || entries.Count == 0)
                    {
                        throw new InvalidDicomException($"linear palette segment at word {at} has no start value or no end value", -1);
                    }

                    double y0 = entries[^1], y1 = words[at + 2];
                    for (var i = 1; i <= length && entries.Count < limit; i++)
                    {
                        entries.Add((ushort)Math.Round(y0 + ((y1 - y0) * i / length)));
                    }

                    at += 3;
                    break;
                case 2 when allowIndirect:
                    if (at + 3 >= end)
                    {
                        throw new InvalidDicomException($"indirect palette segment at word {at} is cut short", -1);
                    }

                    var offset = words[at + 2] | (words[at + 3] << 16);
                    if (offset < 0 || offset >= words.Length)
                    {
                        throw new InvalidDicomException($"indirect palette segment at word {at} points outside the table", -1);
                    }

                    Expand(words, offset, words.Length, length, entries, limit, allowIndirect: false, ref budget);
                    at += 4;
                    break;
                default:
                    throw new InvalidDicomException($"palette segment at word {at} has opcode {opcode}{(opcode == 2 ? " nested inside an indirect segment" : string.Empty)}", -1);
            }
        }
    }

    public static LookupTable? FromSequence(DicomDataset dataset, DicomTag sequenceTag, bool firstMappedSigned) =>
        dataset[sequenceTag] is DicomSequence { Items.Count: > 0 } sequence
            ? Read(sequence.Items[0], DicomTags.LUTDescriptor, DicomTags.LUTData, firstMappedSigned)
            : null;
}
