using System.Globalization;
using System.Text;
using RadAnon.Dicom.Pixels;

namespace RadAnon.Cli;

/// <summary>Writes NumPy .npy version 1.0 files (little-endian, C order) from decoded frames.</summary>
internal static class NpyWriter
{
    public static void Write(Stream stream, PixelDescription description, IReadOnlyList<PixelFrame> frames)
    {
        var dtype = (description.BytesPerSample, description.IsSigned) switch
        {
            (1, false) => "|u1",
            (1, true) => "|i1",
            (2, false) => "<u2",
            (2, true) => "<i2",
            (_, false) => "<u4",
            _ => "<i4",
        };
        var shape = description.SamplesPerPixel == 1
            ? $"({frames.Count}, {description.Rows}, {description.Columns})"
            : $"({frames.Count}, {description.Rows}, {description.Columns}, {description.SamplesPerPixel})";
        var header = string.Create(CultureInfo.InvariantCulture, $"{{'descr': '{dtype}', 'fortran_order': False, 'shape': {shape}, }}");
        // Magic (6) + version (2) + header length (2) + header, padded with spaces to a multiple of 64, ending in \n.
        var total = 10 + header.Length + 1;
        header = header.PadRight(header.Length + ((64 - (total % 64)) % 64)) + "\n";
        stream.WriteByte(0x93);
        stream.Write("NUMPY"u8);
        stream.WriteByte(1);
        stream.WriteByte(0);
        var headerBytes = Encoding.ASCII.GetBytes(header);
        stream.WriteByte((byte)(headerBytes.Length & 0xFF));
        stream.WriteByte((byte)(headerBytes.Length >> 8));
        stream.Write(headerBytes);
        foreach (var frame in frames)
        {
            stream.Write(frame.Bytes);
        }
    }
}
