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
        var descriptor = item.GetValues<int>(descriptorTag);
        if (descriptor.Length < 3 || item[dataTag] is not DicomValueElement data)
        {
            return null;
        }

        // PS3.3 C.11.1.1: 0 entries means 65536; the first mapped value is signed when the input is signed.
        var count = descriptor[0] == 0 ? 65536 : descriptor[0];
        var first = firstMappedSigned ? (short)(ushort)descriptor[1] : descriptor[1];
        var bits = Math.Clamp(descriptor[2], 1, 16);
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

    public static LookupTable? FromSequence(DicomDataset dataset, DicomTag sequenceTag, bool firstMappedSigned) =>
        dataset[sequenceTag] is DicomSequence { Items.Count: > 0 } sequence
            ? Read(sequence.Items[0], DicomTags.LUTDescriptor, DicomTags.LUTData, firstMappedSigned)
            : null;
}
