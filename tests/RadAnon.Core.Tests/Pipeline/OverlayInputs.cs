using RadAnon.Core.Pixels;
using RadAnon.Dicom;
using RadAnon.Dicom.Data;
using RadAnon.SyntheticData;

namespace RadAnon.Core.Tests.Pipeline;

/// <summary>DICOM inputs with overlay planes (60xx), built in memory on the pipeline's synthetic CR header.</summary>
internal static class OverlayInputs
{
    /// <summary>A 12-bit gradient (500..~1400, never full scale), so "white as displayed" is a value no pixel had.</summary>
    public static GrayImage Gradient(int width = 96, int height = 64)
    {
        var image = GrayImage.Create16(width, height, 12);
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                image[x, y] = 500 + (x * 8) + (y * 2);
            }
        }

        return image;
    }

    /// <summary>A checkerboard-ish pattern: bit (r, c) set when (r * 7 + c * 3) % 5 == 0.</summary>
    public static bool[,] Pattern(int rows, int columns, int seed = 0)
    {
        var bits = new bool[rows, columns];
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                bits[r, c] = ((r * 7) + (c * 3) + seed) % 5 == 0;
            }
        }

        return bits;
    }

    /// <summary>Overlay Data: frames of rows × columns bits, packed, the first pixel in bit 0 of byte 0.</summary>
    public static byte[] Pack(params bool[][,] frames)
    {
        var rows = frames[0].GetLength(0);
        var columns = frames[0].GetLength(1);
        var bytes = new byte[((rows * columns * frames.Length) + 15) / 16 * 2];
        var i = 0;
        foreach (var frame in frames)
        {
            for (var r = 0; r < rows; r++)
            {
                for (var c = 0; c < columns; c++, i++)
                {
                    if (frame[r, c])
                    {
                        bytes[i >> 3] |= (byte)(1 << (i & 7));
                    }
                }
            }
        }

        return bytes;
    }

    /// <summary>Adds an Overlay Data plane to <paramref name="header"/> (origin 1-based row\column).</summary>
    public static DicomDataset WithOverlay(DicomDataset header, ushort group, int rows, int columns, short originRow, short originColumn, byte[] data,
        int? frames = null, int? imageFrameOrigin = null)
    {
        header.AddOrUpdate(new DicomTag(group, 0x0010), DicomVR.US, (ushort)rows);
        header.AddOrUpdate(new DicomTag(group, 0x0011), DicomVR.US, (ushort)columns);
        header.AddOrUpdate(new DicomTag(group, 0x0022), DicomVR.LO, "overlay " + PipelineInputs.Canary);
        header.AddOrUpdate(new DicomTag(group, 0x0040), DicomVR.CS, "G");
        header.AddOrReplace(new DicomValueElement(new DicomTag(group, 0x0050), DicomVR.SS, Shorts(originRow, originColumn)));
        header.AddOrUpdate(new DicomTag(group, 0x0100), DicomVR.US, (ushort)1);
        header.AddOrUpdate(new DicomTag(group, 0x0102), DicomVR.US, (ushort)0);
        if (frames is { } n)
        {
            header.AddOrUpdate(new DicomTag(group, 0x0015), DicomVR.IS, n.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        if (imageFrameOrigin is { } o)
        {
            header.AddOrUpdate(new DicomTag(group, 0x0051), DicomVR.US, (ushort)o);
        }

        header.AddOrReplace(new DicomValueElement(new DicomTag(group, 0x3000), DicomVR.OW, data));
        return header;
    }

    /// <summary>Adds a plane held in bit <paramref name="bit"/> of the pixel words (no Overlay Data), as files from before 2004 do.</summary>
    public static DicomDataset WithEmbeddedOverlay(DicomDataset header, ushort group, int rows, int columns, int bit)
    {
        header.AddOrUpdate(new DicomTag(group, 0x0010), DicomVR.US, (ushort)rows);
        header.AddOrUpdate(new DicomTag(group, 0x0011), DicomVR.US, (ushort)columns);
        header.AddOrUpdate(new DicomTag(group, 0x0040), DicomVR.CS, "G");
        header.AddOrReplace(new DicomValueElement(new DicomTag(group, 0x0050), DicomVR.SS, Shorts(1, 1)));
        header.AddOrUpdate(new DicomTag(group, 0x0100), DicomVR.US, (ushort)16);
        header.AddOrUpdate(new DicomTag(group, 0x0102), DicomVR.US, (ushort)bit);
        return header;
    }

    /// <summary>The CR object of <paramref name="image"/> with <paramref name="header"/>; <paramref name="setBits"/> ORs bits into pixel words.</summary>
    public static byte[] Dicom(GrayImage image, DicomDataset header, int frames = 1, string photometric = "MONOCHROME2", Func<int, int, int>? setBits = null)
    {
        var bytes = SyntheticFiles.Dicom(image, header, frames, photometric: photometric, bitsAllocated: 16);
        if (setBits is null)
        {
            return bytes;
        }

        using var file = DicomFile.Read(bytes);
        var pixels = ((DicomValueElement)file.Dataset[DicomTags.PixelData]!).Data.ToArray();
        for (var i = 0; i < pixels.Length / 2; i++)
        {
            var extra = setBits(i % image.Width, i / image.Width % image.Height);
            pixels[(2 * i) + 1] |= (byte)(extra >> 8);
            pixels[2 * i] |= (byte)extra;
        }

        file.Dataset.AddOrReplace(new DicomValueElement(DicomTags.PixelData, DicomVR.OW, pixels));
        return file.ToBytes();
    }

    public static DicomDataset Header() => PipelineInputs.Header();

    private static byte[] Shorts(short a, short b) => [(byte)a, (byte)(a >> 8), (byte)b, (byte)(b >> 8)];
}
