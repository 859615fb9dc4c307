namespace RadAnon.Core.Batches;

/// <summary>
/// CRC-32 (ISO-HDLC, the ZIP checksum), table-driven. The framework's ZIP reader stops an entry at its declared size
/// without checking the CRC, so a header that under-declares the size would silently truncate; the batch checks the
/// CRC itself. (System.IO.Hashing has one, but it is a package, not the BCL; this is a dozen lines.)
/// </summary>
public static class Crc32
{
    private static readonly uint[] Table = BuildTable();

    public static uint Compute(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc = Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return ~crc;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (uint i = 0; i < 256; i++)
        {
            var c = i;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }

            table[i] = c;
        }

        return table;
    }
}
