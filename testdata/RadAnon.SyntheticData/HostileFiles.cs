using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using RadAnon.Core.Pixels;
using RadAnon.Dicom;
using RadAnon.Dicom.Data;

namespace RadAnon.SyntheticData;

/// <summary>
/// Hostile inputs for the bomb and limit suite: each is small on the wire and asks for something absurd (a length,
/// a depth, an element count, a pixel count, a tile count, an inflated size). Built byte by byte where our own
/// writer would refuse to produce them.
/// </summary>
public static class HostileFiles
{
    private const string ExplicitLittle = "1.2.840.10008.1.2.1";
    private const string DeflatedExplicitLittle = "1.2.840.10008.1.2.1.99";
    private const string Jpeg2000Lossless = "1.2.840.10008.1.2.4.90";

    /// <summary>A header-only CR file followed by a Pixel Data element declaring 2^32 - 2 bytes.</summary>
    public static byte[] DicomLength2Pow32Minus2()
    {
        using var stream = new MemoryStream();
        stream.Write(DicomHeaderOnly(ExplicitLittle));
        Element(stream, 0x7FE0, 0x0010, "OB", 0xFFFF_FFFE);
        stream.Write(new byte[64]);
        return stream.ToArray();
    }

    /// <summary>A 16-bit image module declaring 65535 × 65535 pixels over 16 bytes of pixel data.</summary>
    public static byte[] DicomHuge16BitImage()
    {
        var ds = MinimalHeader();
        AddImageModule(ds, 65535, 65535, 16);
        ds.AddOrReplace(new DicomValueElement(DicomTags.PixelData, DicomVR.OW, new byte[16]));
        return new DicomFile(new DicomDataset(), ds, TransferSyntax.ExplicitVRLittleEndian).ToBytes();
    }

    /// <summary>Referenced Series Sequence items nested <paramref name="depth"/> deep, undefined lengths, never closed.</summary>
    public static byte[] DicomNestedSequences(int depth)
    {
        using var stream = new MemoryStream();
        stream.Write(DicomHeaderOnly(ExplicitLittle));
        for (var i = 0; i < depth; i++)
        {
            Element(stream, 0x0008, 0x1115, "SQ", 0xFFFF_FFFF);
            Tag(stream, 0xFFFE, 0xE000);
            stream.Write(BitConverter.GetBytes(uint.MaxValue));
        }

        return stream.ToArray();
    }

    /// <summary><paramref name="count"/> empty private elements (odd groups from 0x0011, 256 creators' worth each).</summary>
    public static byte[] DicomTinyElements(int count)
    {
        using var stream = new MemoryStream();
        stream.Write(DicomHeaderOnly(ExplicitLittle));
        for (var i = 0; i < count; i++)
        {
            Element(stream, (ushort)(0x0011 + (2 * (i / 0xFF00))), (ushort)(0x0100 + (i % 0xFF00)), "LO", 0);
        }

        return stream.ToArray();
    }

    /// <summary>A deflated-syntax file whose dataset inflates to <paramref name="inflatedBytes"/> (one huge private OB of zeros).</summary>
    public static byte[] DicomDeflateBomb(long inflatedBytes)
    {
        using var raw = new MemoryStream();
        using (var deflate = new DeflateStream(raw, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            var value = inflatedBytes - 12;
            Element(deflate, 0x0011, 0x1010, "OB", (uint)Math.Min(value, uint.MaxValue - 1));
            var zeros = new byte[1 << 20];
            for (long written = 0; written < value; written += zeros.Length)
            {
                deflate.Write(zeros, 0, (int)Math.Min(zeros.Length, value - written));
            }
        }

        return [.. Part10Meta(DeflatedExplicitLittle), .. raw.ToArray()];
    }

    /// <summary>
    /// A 256 × 256 JPEG 2000 lossless object whose code stream declares 1 × 1 tiles (65,536 of them) and then ends:
    /// what OpenJPEG would allocate per tile is the bomb.
    /// </summary>
    public static byte[] DicomJpeg2000TileBomb(int size = 256, int tile = 1)
    {
        var siz = new byte[2 + 38 + 3];
        BinaryPrimitives.WriteUInt16BigEndian(siz, 38 + 3);
        BinaryPrimitives.WriteUInt32BigEndian(siz.AsSpan(4), (uint)size);
        BinaryPrimitives.WriteUInt32BigEndian(siz.AsSpan(8), (uint)size);
        BinaryPrimitives.WriteUInt32BigEndian(siz.AsSpan(20), (uint)tile);
        BinaryPrimitives.WriteUInt32BigEndian(siz.AsSpan(24), (uint)tile);
        BinaryPrimitives.WriteUInt16BigEndian(siz.AsSpan(36), 1);
        siz[38] = 15; // 16-bit unsigned
        siz[39] = 1;
        siz[40] = 1;
        byte[] cod = [0xFF, 0x52, 0x00, 0x0C, 0x00, 0x00, 0x00, 0x01, 0x00, 0x05, 0x04, 0x04, 0x00, 0x01];
        byte[] qcd = [0xFF, 0x5C, 0x00, 0x04, 0x20, 0x90];
        byte[] stream = [0xFF, 0x4F, 0xFF, 0x51, .. siz, .. cod, .. qcd, 0xFF, 0x90, 0x00, 0x0A, 0, 0, 0, 0, 0, 0, 0, 1, 0xFF, 0x93, 0xFF, 0xD9];
        var ds = MinimalHeader();
        AddImageModule(ds, size, size, 16);
        ds.AddOrReplace(new DicomFragments(DicomTags.PixelData, DicomVR.OB, ReadOnlyMemory<byte>.Empty, [stream.Length % 2 == 0 ? stream : [.. stream, 0]]));
        return new DicomFile(new DicomDataset(), ds, TransferSyntax.Lookup(Jpeg2000Lossless)).ToBytes();
    }

    /// <summary>A PNG whose header declares width × height pixels, with one tiny IDAT.</summary>
    public static byte[] PngDeclaring(uint width, uint height)
    {
        var ihdr = new byte[13];
        BinaryPrimitives.WriteUInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteUInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = 8; // bit depth, colour type 0 (grey)
        using var idat = new MemoryStream();
        using (var z = new ZLibStream(idat, CompressionLevel.Fastest, leaveOpen: true))
        {
            z.Write(new byte[1024]);
        }

        return [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, .. PngChunk("IHDR", ihdr), .. PngChunk("IDAT", idat.ToArray()), .. PngChunk("IEND", [])];
    }

    /// <summary>A real small JPEG with its frame header (SOFn) patched to declare width × height (at most 65535 each).</summary>
    public static byte[] JpegDeclaring(ushort width, ushort height)
    {
        var jpeg = SyntheticFiles.Jpeg(GrayImage.Create8(16, 16));
        for (var i = 2; i + 9 < jpeg.Length; i++)
        {
            if (jpeg[i] == 0xFF && jpeg[i + 1] is >= 0xC0 and <= 0xC3)
            {
                BinaryPrimitives.WriteUInt16BigEndian(jpeg.AsSpan(i + 5), height);
                BinaryPrimitives.WriteUInt16BigEndian(jpeg.AsSpan(i + 7), width);
                return jpeg;
            }
        }

        throw new InvalidOperationException("no SOF marker in the generated JPEG");
    }

    /// <summary>The first <paramref name="sixteenths"/>/16 of a file.</summary>
    public static byte[] Truncated(byte[] file, int sixteenths) => file[..(int)((long)file.Length * sixteenths / 16)];

    private static DicomDataset MinimalHeader()
    {
        var ds = new DicomDataset();
        ds.AddOrUpdate(DicomTags.SOPClassUID, DicomVR.UI, "1.2.840.10008.5.1.4.1.1.1");
        ds.AddOrUpdate(DicomTags.SOPInstanceUID, DicomVR.UI, "1.2.826.0.1.3680043.2.1125.77.1");
        ds.AddOrUpdate(DicomTags.StudyInstanceUID, DicomVR.UI, "1.2.826.0.1.3680043.2.1125.77.2");
        ds.AddOrUpdate(DicomTags.SeriesInstanceUID, DicomVR.UI, "1.2.826.0.1.3680043.2.1125.77.3");
        ds.AddOrUpdate(DicomTags.Modality, DicomVR.CS, "CR");
        ds.AddOrUpdate(DicomTags.PatientName, DicomVR.PN, "HOSTILE^CASE");
        return ds;
    }

    private static void AddImageModule(DicomDataset ds, int columns, int rows, int bits)
    {
        ds.AddOrUpdate(DicomTags.SamplesPerPixel, DicomVR.US, (ushort)1);
        ds.AddOrUpdate(DicomTags.PhotometricInterpretation, DicomVR.CS, "MONOCHROME2");
        ds.AddOrUpdate(DicomTags.Rows, DicomVR.US, (ushort)rows);
        ds.AddOrUpdate(DicomTags.Columns, DicomVR.US, (ushort)columns);
        ds.AddOrUpdate(DicomTags.BitsAllocated, DicomVR.US, (ushort)bits);
        ds.AddOrUpdate(DicomTags.BitsStored, DicomVR.US, (ushort)bits);
        ds.AddOrUpdate(DicomTags.HighBit, DicomVR.US, (ushort)(bits - 1));
        ds.AddOrUpdate(DicomTags.PixelRepresentation, DicomVR.US, (ushort)0);
    }

    /// <summary>A valid Part 10 file of the minimal header in <paramref name="syntax"/>; hostile elements are appended after it.</summary>
    private static byte[] DicomHeaderOnly(string syntax) =>
        new DicomFile(new DicomDataset(), MinimalHeader(), TransferSyntax.Lookup(syntax)).ToBytes();

    /// <summary>Preamble, DICM and a file meta group naming the transfer syntax (our writer will not deflate a bomb for us).</summary>
    private static byte[] Part10Meta(string syntax)
    {
        var full = new DicomFile(new DicomDataset(), new DicomDataset(), TransferSyntax.Lookup(syntax)).ToBytes();
        var groupLength = BinaryPrimitives.ReadUInt32LittleEndian(full.AsSpan(128 + 4 + 8));
        return full[..(128 + 4 + 12 + (int)groupLength)];
    }

    private static void Element(Stream s, ushort group, ushort element, string vr, uint length)
    {
        Tag(s, group, element);
        s.Write(Encoding.ASCII.GetBytes(vr));
        if (vr is "OB" or "OW" or "SQ" or "UN" or "UT")
        {
            s.Write([0, 0]);
            s.Write(BitConverter.GetBytes(length));
        }
        else
        {
            s.Write(BitConverter.GetBytes((ushort)length));
        }
    }

    private static void Tag(Stream s, ushort group, ushort element)
    {
        s.Write(BitConverter.GetBytes(group));
        s.Write(BitConverter.GetBytes(element));
    }

    private static byte[] PngChunk(string type, byte[] data)
    {
        var chunk = new byte[12 + data.Length];
        BinaryPrimitives.WriteUInt32BigEndian(chunk, (uint)data.Length);
        Encoding.ASCII.GetBytes(type).CopyTo(chunk, 4);
        data.CopyTo(chunk, 8);
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(8 + data.Length), RadAnon.Core.Batches.Crc32.Compute(chunk.AsSpan(4, 4 + data.Length)));
        return chunk;
    }
}
