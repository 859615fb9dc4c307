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

        Walk(stream, directoryOffset, directoryEnd, entries);
        return entries;
    }

    /// <summary>True when the bytes start like a ZIP (local header, empty archive or spanning marker).</summary>
    public static bool LooksLikeZip(ReadOnlySpan<byte> head) =>
        head.Length >= 4 && head[0] == (byte)'P' && head[1] == (byte)'K' && head[2..4] is [3, 4] or [5, 6] or [7, 8];

    private static void Walk(Stream stream, long position, long directoryEnd, long entries)
    {
        var header = new byte[CentralLength];
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

            position += CentralLength + name + extraAndComment;
            stream.Position = Math.Min(position, directoryEnd);
        }

        if (position != directoryEnd || count != entries)
        {
            throw new InvalidArchiveException($"the end record declares {entries} entries but the central directory holds {count}");
        }
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
