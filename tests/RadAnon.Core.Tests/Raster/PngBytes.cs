using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace RadAnon.Core.Tests.Raster;

/// <summary>Builds PNG files chunk by chunk, including headers no encoder would write (bombs, extra text).</summary>
internal static class PngBytes
{
    public static byte[] Gray8(int width, int height, Func<int, int, byte> pixel, params (string Type, byte[] Data)[] extraChunks)
    {
        using var raw = new MemoryStream();
        for (var y = 0; y < height; y++)
        {
            raw.WriteByte(0); // filter: none
            for (var x = 0; x < width; x++)
            {
                raw.WriteByte(pixel(x, y));
            }
        }

        return Build(width, height, Compress(raw.ToArray()), extraChunks);
    }

    /// <summary>A header declaring <paramref name="width"/>×<paramref name="height"/> with almost no data behind it.</summary>
    public static byte[] Bomb(int width, int height) => Build(width, height, Compress(new byte[64]), []);

    public static (string, byte[]) Text(string keyword, string value) => ("tEXt", [.. Encoding.Latin1.GetBytes(keyword), 0, .. Encoding.Latin1.GetBytes(value)]);

    private static byte[] Build(int width, int height, byte[] idat, (string Type, byte[] Data)[] extraChunks)
    {
        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = 8; // bit depth
        ihdr[9] = 0; // grayscale
        Chunk(png, "IHDR", ihdr);
        foreach (var (type, data) in extraChunks)
        {
            Chunk(png, type, data);
        }

        Chunk(png, "IDAT", idat);
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    private static byte[] Compress(byte[] data)
    {
        using var output = new MemoryStream();
        using (var z = new ZLibStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            z.Write(data);
        }

        return output.ToArray();
    }

    private static void Chunk(Stream png, string type, byte[] data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(word, (uint)data.Length);
        png.Write(word);
        var typed = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        png.Write(typed);
        BinaryPrimitives.WriteUInt32BigEndian(word, Crc32(typed));
        png.Write(word);
    }

    private static uint Crc32(byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
            }
        }

        return crc ^ 0xFFFFFFFFu;
    }
}
