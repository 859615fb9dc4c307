using System.Buffers.Binary;

namespace RadAnon.Core.Batches;

/// <summary>
/// A bounded walk over a ZIP's end record(s) and central directory before <see cref="System.IO.Compression.ZipArchive"/>
/// sees it: the declared entry count against the limit, the central directory ending exactly where the end record
/// begins, and every record's size, so the framework can never be led into materialising more entries (or larger
/// names, extras and comments) than the limits allow. Nothing is kept but a count.
/// </summary>
internal static class CentralDirectoryScan
{
    /// <summary>Largest file name in a central directory record, in bytes (UTF-8 or CP437).</summary>
    public const int MaxNameBytes = 1024;

    /// <summary>Largest extra field plus comment of one record: zip64, Unix and NTFS extras fit many times over.</summary>
    public const int MaxExtraAndCommentBytes = 1024;

    private const uint EndSignature = 0x06054b50;
    private const uint Zip64LocatorSignature = 0x07064b50;
    private const uint Zip64EndSignature = 0x06064b50;
    private const uint CentralSignature = 0x02014b50;
    private const uint LocalSignature = 0x04034b50;
    private const int EndLength = 22;
    private const int CentralLength = 46;

    /// <summary>The number of entries, after checking the directory is consistent and within the limits.</summary>
    public static long Scan(Stream stream, BatchLimits limits)
    {
        var length = stream.Length;
        if (length < EndLength)
        {
            throw new InvalidArchiveException($"the body is {length} bytes, too short to be a ZIP archive");
        }

        var tail = ReadAt(stream, length - Math.Min(length, EndLength + ushort.MaxValue), (int)Math.Min(length, EndLength + ushort.MaxValue));
        var end = FindEndRecord(tail);
        var endPosition = length - tail.Length + end;
        var record = tail.AsSpan(end);
        if (BinaryPrimitives.ReadUInt16LittleEndian(record[4..]) != 0 || BinaryPrimitives.ReadUInt16LittleEndian(record[6..]) != 0)
        {
            throw new InvalidArchiveException("multi-volume (split) ZIP archives are not supported; send one archive");
        }

        long entries = BinaryPrimitives.ReadUInt16LittleEndian(record[10..]);
        long directorySize = BinaryPrimitives.ReadUInt32LittleEndian(record[12..]);
        long directoryOffset = BinaryPrimitives.ReadUInt32LittleEndian(record[16..]);
        var directoryEnd = endPosition;
        if ((entries == ushort.MaxValue || directorySize == uint.MaxValue || directoryOffset == uint.MaxValue) && endPosition >= 20)
        {
            var locator = ReadAt(stream, endPosition - 20, 20);
            if (BinaryPrimitives.ReadUInt32LittleEndian(locator) == Zip64LocatorSignature)
            {
                var zip64End = BinaryPrimitives.ReadInt64LittleEndian(locator.AsSpan(8));
                if (zip64End < 0 || zip64End > endPosition - 20 - 56)
                {
                    throw new InvalidArchiveException("the zip64 end record locator points outside the archive");
                }

                var zip64 = ReadAt(stream, zip64End, 56);
                if (BinaryPrimitives.ReadUInt32LittleEndian(zip64) != Zip64EndSignature)
                {
                    throw new InvalidArchiveException("the zip64 end of central directory record is missing");
                }

                entries = BinaryPrimitives.ReadInt64LittleEndian(zip64.AsSpan(32));
                directorySize = BinaryPrimitives.ReadInt64LittleEndian(zip64.AsSpan(40));
                directoryOffset = BinaryPrimitives.ReadInt64LittleEndian(zip64.AsSpan(48));
                directoryEnd = zip64End;
            }
        }

        if (entries < 0 || entries > limits.MaxEntries)
        {
            throw new ArchiveTooLargeException($"the archive declares {entries} entries; the limit is {limits.MaxEntries} (MaxBatchEntries)");
        }

        if (directoryOffset < 0 || directorySize < 0 || directoryOffset > directoryEnd || directoryEnd - directoryOffset != directorySize)
        {
            throw new InvalidArchiveException("the central directory does not end where the end record begins (prepended data, or a corrupt archive)");
        }

        var spans = Walk(stream, directoryOffset, directoryEnd, entries);
        RefuseOverlaps(stream, spans, directoryOffset);
        return entries;
    }

    /// <summary>True when the bytes start like a ZIP (local header, empty archive or spanning marker).</summary>
    public static bool LooksLikeZip(ReadOnlySpan<byte> head) =>
        head.Length >= 4 && head[0] == (byte)'P' && head[1] == (byte)'K' && head[2..4] is [3, 4] or [5, 6] or [7, 8];

    /// <summary>Where one entry's local header starts and how many compressed bytes follow it (its 1-based index).</summary>
    private readonly record struct EntrySpan(int Index, long Offset, long CompressedSize);

    private const int LocalHeaderLength = 30;

    /// <summary>
    /// Every entry must own its bytes: sorted by local header offset, each header and its compressed data end before the
    /// next entry begins and before the central directory. Entries sharing or overlapping data (2,000 records pointing at
    /// one 1 MiB run of zeros inflated 2 GiB from a 110 KB upload) are refused whole (issue 20, finding 8).
    /// </summary>
    private static void RefuseOverlaps(Stream stream, List<EntrySpan> spans, long directoryOffset)
    {
        spans.Sort((a, b) => a.Offset.CompareTo(b.Offset));
        var local = new byte[LocalHeaderLength];
        for (var i = 0; i < spans.Count; i++)
        {
            // The local header's own name and extra lengths count too (they may differ from the central record's).
            if (spans[i].Offset > directoryOffset - LocalHeaderLength)
            {
                throw new UnsafeArchiveException($"entry {spans[i].Index} runs into the central directory (rule: every entry owns its bytes)");
            }

            stream.Position = spans[i].Offset;
            stream.ReadExactly(local);
            if (BinaryPrimitives.ReadUInt32LittleEndian(local) != LocalSignature)
            {
                throw new InvalidArchiveException($"entry {spans[i].Index} has no local header where the central directory says");
            }

            var end = spans[i].Offset + LocalHeaderLength + BinaryPrimitives.ReadUInt16LittleEndian(local.AsSpan(26))
                + BinaryPrimitives.ReadUInt16LittleEndian(local.AsSpan(28)) + spans[i].CompressedSize;
            var next = i + 1 < spans.Count ? spans[i + 1] : (EntrySpan?)null;
            if (next is { } n && end > n.Offset)
            {
                throw new UnsafeArchiveException(
                    $"entries {Math.Min(spans[i].Index, n.Index)} and {Math.Max(spans[i].Index, n.Index)} overlap in the archive (rule: every entry owns its bytes; overlapping entries are a ZIP bomb)");
            }

            if (end > directoryOffset)
            {
                throw new UnsafeArchiveException($"entry {spans[i].Index} runs into the central directory (rule: every entry owns its bytes)");
            }
        }
    }

    private static List<EntrySpan> Walk(Stream stream, long position, long directoryEnd, long entries)
    {
        var header = new byte[CentralLength];
        var variable = new byte[MaxNameBytes + MaxExtraAndCommentBytes];
        var spans = new List<EntrySpan>((int)Math.Min(entries, 65_536));
        long count = 0;
        stream.Position = position;
        while (position < directoryEnd)
        {
            if (++count > entries || directoryEnd - position < CentralLength)
            {
                throw new InvalidArchiveException($"the central directory holds more records than the {entries} its end record declares");
            }

            stream.ReadExactly(header);
            if (BinaryPrimitives.ReadUInt32LittleEndian(header) != CentralSignature)
            {
                throw new InvalidArchiveException($"central directory record {count} has no valid signature");
            }

            var name = BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(28));
            var extraAndComment = BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(30)) + BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(32));
            if (name > MaxNameBytes || extraAndComment > MaxExtraAndCommentBytes)
            {
                throw new UnsafeArchiveException($"central directory record {count} has a {name}-byte name and {extraAndComment} bytes of extra fields and comment; the limits are {MaxNameBytes} and {MaxExtraAndCommentBytes}");
            }

            var extra = BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(30));
            if (position + CentralLength + name + extra > directoryEnd)
            {
                throw new InvalidArchiveException($"central directory record {count} runs past the end of the central directory");
            }

            stream.ReadExactly(variable, 0, name + extra);
            spans.Add(Span((int)count, header, variable.AsSpan(name, extra)));
            position += CentralLength + name + extraAndComment;
            stream.Position = Math.Min(position, directoryEnd);
        }

        if (position != directoryEnd || count != entries)
        {
            throw new InvalidArchiveException($"the end record declares {entries} entries but the central directory holds {count}");
        }

        return spans;
    }

    /// <summary>The record's local header offset and compressed size, from its zip64 extra field where they overflow 32 bits.</summary>
    private static EntrySpan Span(int index, byte[] header, ReadOnlySpan<byte> extra)
    {
        long compressed = BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(20));
        long uncompressed = BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(24));
        long offset = BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(42));
        while (extra.Length >= 4)
        {
            var id = BinaryPrimitives.ReadUInt16LittleEndian(extra);
            var size = Math.Min(BinaryPrimitives.ReadUInt16LittleEndian(extra[2..]), extra.Length - 4);
            var data = extra.Slice(4, size);
            if (id == 1)
            {
                // Zip64: only the fields whose 32-bit value is all ones are present, in this order.
                var at = 0;
                uncompressed = uncompressed == uint.MaxValue ? Zip64Field(data, ref at) : uncompressed;
                compressed = compressed == uint.MaxValue ? Zip64Field(data, ref at) : compressed;
                offset = offset == uint.MaxValue ? Zip64Field(data, ref at) : offset;
            }

            extra = extra[(4 + size)..];
        }

        if (compressed < 0 || offset < 0 || uncompressed < 0)
        {
            throw new InvalidArchiveException($"central directory record {index} has a zip64 extra field without the sizes it announces");
        }

        return new EntrySpan(index, offset, compressed);
    }

    /// <summary>The next 64-bit field of a zip64 extra, or -1 when it is missing.</summary>
    private static long Zip64Field(ReadOnlySpan<byte> data, ref int at)
    {
        if (data.Length < at + 8)
        {
            return -1;
        }

        at += 8;
        return BinaryPrimitives.ReadInt64LittleEndian(data[(at - 8)..]);
    }

    private static int FindEndRecord(byte[] tail)
    {
        for (var i = tail.Length - EndLength; i >= 0; i--)
        {
            if (BinaryPrimitives.ReadUInt32LittleEndian(tail.AsSpan(i)) == EndSignature
                && i + EndLength + BinaryPrimitives.ReadUInt16LittleEndian(tail.AsSpan(i + 20)) == tail.Length)
            {
                return i;
            }
        }

        throw new InvalidArchiveException("no end of central directory record at the end of the body: not a ZIP archive, or a truncated one");
    }

    private static byte[] ReadAt(Stream stream, long position, int count)
    {
        var buffer = new byte[count];
        stream.Position = position;
        stream.ReadExactly(buffer);
        return buffer;
    }
}
