namespace RadAnon.Dicom.Codecs.Jpeg;

/// <summary>A Huffman decoding table built from a DHT segment (T.81 C and F.2.2.3).</summary>
internal sealed class HuffmanTable
{
    private readonly int[] _maxCode = new int[18];
    private readonly int[] _valueOffset = new int[17];
    private readonly byte[] _values;

    private HuffmanTable(ReadOnlySpan<byte> counts, byte[] values)
    {
        _values = values;
        var code = 0;
        var k = 0;
        for (var length = 1; length <= 16; length++)
        {
            var n = counts[length - 1];
            _valueOffset[length] = k - code;
            code += n;
            k += n;
            _maxCode[length] = n == 0 ? -1 : code - 1;
            if (code > (1 << length))
            {
                throw new InvalidDicomException($"JPEG Huffman table has more codes of length {length} than fit", -1);
            }

            code <<= 1;
        }

        _maxCode[17] = int.MaxValue;
    }

    /// <summary>
    /// The table a scan header selects: the id is a 4-bit field of the SOS segment but only 0-3 exist (T.81 B.2.3),
    /// so an id past the slots is refused rather than indexed.
    /// </summary>
    public static HuffmanTable Select(HuffmanTable?[] tables, int id, string kind)
    {
        if (id >= tables.Length)
        {
            throw new InvalidDicomException($"JPEG scan selects {kind} Huffman table {id}; table ids are 0 to {tables.Length - 1}", -1);
        }

        return tables[id] ?? throw new InvalidDicomException($"JPEG scan uses {kind} Huffman table {id}, which is not defined", -1);
    }

    /// <summary>Parses every table in one DHT segment into the DC/lossless (class 0) or AC (class 1) slots.</summary>
    public static void ReadSegment(ReadOnlySpan<byte> segment, HuffmanTable?[] dcTables, HuffmanTable?[]? acTables)
    {
        while (segment.Length > 0)
        {
            if (segment.Length < 17)
            {
                throw new InvalidDicomException("JPEG Huffman table segment is truncated", -1);
            }

            var tableClass = segment[0] >> 4;
            var id = segment[0] & 15;
            if (id > 3 || tableClass > 1)
            {
                throw new InvalidDicomException($"JPEG Huffman table class {tableClass} id {id} is out of range", -1);
            }

            var counts = segment.Slice(1, 16);
            var total = 0;
            foreach (var c in counts)
            {
                total += c;
            }

            if (segment.Length < 17 + total || total > 256)
            {
                throw new InvalidDicomException($"JPEG Huffman table declares {total} values in a {segment.Length}-byte segment", -1);
            }

            var table = new HuffmanTable(counts, segment.Slice(17, total).ToArray());
            if (tableClass == 0)
            {
                dcTables[id] = table;
            }
            else if (acTables is not null)
            {
                acTables[id] = table;
            }

            segment = segment[(17 + total)..];
        }
    }

    /// <summary>Decodes one symbol bit by bit, so the reader never looks past the code it needs.</summary>
    public int Decode(ref JpegBitReader reader)
    {
        var code = reader.ReadBit();
        var length = 1;
        while (code > _maxCode[length])
        {
            code = (code << 1) | reader.ReadBit();
            if (++length > 16)
            {
                throw new InvalidDicomException("JPEG stream holds a Huffman code longer than 16 bits", -1);
            }
        }

        var index = _valueOffset[length] + code;
        return (uint)index < (uint)_values.Length
            ? _values[index]
            : throw new InvalidDicomException("JPEG stream holds a Huffman code its table does not define", -1);
    }
}
