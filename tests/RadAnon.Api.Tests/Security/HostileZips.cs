using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace RadAnon.Api.Tests.Security;

/// <summary>
/// Batch archives of issue 20 built byte by byte (shared with the E2E suite, which links this file): central-directory
/// records that all point at one local entry (an overlapping-entry bomb), and many small entries that add up to one.
/// </summary>
internal static class HostileZips
{
    /// <summary>
    /// One local entry of <paramref name="zeros"/> deflated zero bytes, and <paramref name="records"/> central-directory
    /// records (distinct names) that all point at it: each inflates <paramref name="zeros"/> bytes from the same data.
    /// </summary>
    public static byte[] OverlappingEntries(int records, int zeros)
    {
        var data = Deflate(new byte[zeros]);
        var crc = Crc32(new byte[zeros]);
        using var zip = new MemoryStream();
        WriteRecord(zip, local: true, "zeros.png", crc, data.Length, zeros, offset: 0);
        zip.Write(data);
        var directory = zip.Position;
        for (var i = 0; i < records; i++)
        {
            WriteRecord(zip, local: false, $"copy{i:D5}.png", crc, data.Length, zeros, offset: 0);
        }

        var size = zip.Position - directory;
        Span<byte> end = stackalloc byte[22];
        BinaryPrimitives.WriteUInt32LittleEndian(end, 0x06054b50);
        BinaryPrimitives.WriteUInt16LittleEndian(end[8..], (ushort)records);
        BinaryPrimitives.WriteUInt16LittleEndian(end[10..], (ushort)records);
        BinaryPrimitives.WriteUInt32LittleEndian(end[12..], (uint)size);
        BinaryPrimitives.WriteUInt32LittleEndian(end[16..], (uint)directory);
        zip.Write(end);
        return zip.ToArray();
    }

    /// <summary><paramref name="entries"/> entries of <paramref name="zeros"/> zero bytes each, every one under the 1 MiB ratio floor.</summary>
    public static byte[] ManySmallZeroEntries(int entries, int zeros)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            var block = new byte[zeros];
            for (var i = 0; i < entries; i++)
            {
                using var stream = zip.CreateEntry($"zeros{i:D4}.png", CompressionLevel.SmallestSize).Open();
                stream.Write(block);
            }
        }

        return buffer.ToArray();
    }

    /// <summary>A stored (uncompressed) archive of the given names, each holding a few bytes.</summary>
    public static byte[] Named(params string[] names)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: Encoding.UTF8))
        {
            foreach (var name in names)
            {
                using var stream = zip.CreateEntry(name, CompressionLevel.NoCompression).Open();
                stream.Write("not an image"u8);
            }
        }

        return buffer.ToArray();
    }

    /// <summary>The ZIP CRC-32 (reflected 0xEDB88320), here so the E2E suite needs no engine assembly.</summary>
    private static uint Crc32(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }

    private static byte[] Deflate(byte[] data)
    {
        using var output = new MemoryStream();
        using (var deflate = new DeflateStream(output, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            deflate.Write(data);
        }

        return output.ToArray();
    }

    private static void WriteRecord(Stream zip, bool local, string name, uint crc, int compressed, int uncompressed, uint offset)
    {
        var nameBytes = Encoding.ASCII.GetBytes(name);
        var header = new byte[local ? 30 : 46];
        var at = local ? 4 : 6; // the central record has "version made by" before "version needed"
        BinaryPrimitives.WriteUInt32LittleEndian(header, local ? 0x04034b50u : 0x02014b50u);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(at), 20);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(at + 4), 8); // deflate
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(at + 10), crc);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(at + 14), (uint)compressed);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(at + 18), (uint)uncompressed);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(at + 22), (ushort)nameBytes.Length);
        if (!local)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(42), offset);
        }

        zip.Write(header);
        zip.Write(nameBytes);
    }
}
