using System.Buffers.Binary;
using System.Text;
using RadAnon.Core.Raster;
using RadAnon.Dicom;

namespace RadAnon.Core.Provenance;

/// <summary>
/// The one thing written into outputs besides pixels and the de-identified header: a host-supplied marker (report id
/// and hash) that ties a file to its report. PNG: one iTXt chunk with keyword <see cref="Keyword"/>; JPEG: one COM
/// segment "RadAnon-Provenance &lt;marker&gt;"; DICOM: an extra value "provenance &lt;marker&gt;" of DeidentificationMethod.
/// </summary>
public static class ProvenanceMarker
{
    public const string Keyword = "RadAnon-Provenance";

    /// <summary>Longest marker: what fits an LO value (64) after the DICOM prefix.</summary>
    public const int MaxLength = 64 - 11;

    internal const string DicomPrefix = "provenance ";

    /// <summary>Throws <see cref="InvalidOptionsException"/> unless the marker is 1..53 characters of [A-Za-z0-9._:+/=-].</summary>
    public static void Validate(string marker)
    {
        ArgumentNullException.ThrowIfNull(marker);
        if (marker.Length is 0 or > MaxLength || !marker.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or ':' or '+' or '/' or '=' or '-'))
        {
            throw new InvalidOptionsException("provenanceMarker",
                $"a provenance marker is 1 to {MaxLength} characters of letters, digits and . _ : + / = -; got {marker.Length} characters");
        }
    }

    /// <summary>Reads the marker back from a PNG, JPEG or DICOM file written by RadAnon; a file that is none of them has none.</summary>
    public static bool TryRead(ReadOnlySpan<byte> file, out string marker) => TryRead(file, null, out marker);

    /// <summary>
    /// Reads the marker back under the DICOM reader's limits (nesting, element count, inflated size): a DICOM file that
    /// breaks them throws <see cref="InvalidDicomException"/>, as it does for anonymization (issue 20, finding 5).
    /// </summary>
    public static bool TryRead(ReadOnlySpan<byte> file, RadAnon.Dicom.Reading.DicomReadOptions? reading, out string marker)
    {
        marker = string.Empty;
        var found = RasterFormatDetector.Detect(file) switch
        {
            RasterFormat.Png => ReadPng(file),
            RasterFormat.Jpeg => ReadJpeg(file),
            _ => reading is null ? ReadDicom(file) : ReadDicom(file, reading),
        };
        if (found is null)
        {
            return false;
        }

        marker = found;
        return true;
    }

    /// <summary>Inserts one iTXt chunk (uncompressed, no language) right after IHDR.</summary>
    internal static byte[] WritePng(byte[] png, string marker)
    {
        var ihdrEnd = 8 + 12 + (int)BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(8));
        var data = new List<byte>();
        data.AddRange(Encoding.Latin1.GetBytes(Keyword));
        data.AddRange(new byte[] { 0, 0, 0, 0, 0 }); // keyword end, no compression, method 0, empty language, empty translated keyword
        data.AddRange(Encoding.UTF8.GetBytes(marker));
        var chunk = new byte[12 + data.Count];
        BinaryPrimitives.WriteUInt32BigEndian(chunk, (uint)data.Count);
        "iTXt"u8.CopyTo(chunk.AsSpan(4));
        data.CopyTo(chunk, 8);
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(8 + data.Count), Crc32(chunk.AsSpan(4, 4 + data.Count)));
        return [.. png.AsSpan(0, ihdrEnd), .. chunk, .. png.AsSpan(ihdrEnd)];
    }

    /// <summary>Inserts one COM segment after SOI (and after a JFIF APP0 when there is one).</summary>
    internal static byte[] WriteJpeg(byte[] jpeg, string marker)
    {
        var at = 2;
        if (jpeg.Length > 6 && jpeg[2] == 0xFF && jpeg[3] == 0xE0)
        {
            at = 4 + BinaryPrimitives.ReadUInt16BigEndian(jpeg.AsSpan(4));
        }

        var text = Encoding.ASCII.GetBytes(Keyword + " " + marker);
        var segment = new byte[4 + text.Length];
        segment[0] = 0xFF;
        segment[1] = 0xFE;
        BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(2), (ushort)(text.Length + 2));
        text.CopyTo(segment, 4);
        return [.. jpeg.AsSpan(0, at), .. segment, .. jpeg.AsSpan(at)];
    }

    private static string? ReadPng(ReadOnlySpan<byte> bytes)
    {
        var position = 8;
        while (position + 12 <= bytes.Length)
        {
            var length = BinaryPrimitives.ReadUInt32BigEndian(bytes[position..]);
            if (length > (uint)(bytes.Length - position - 12))
            {
                return null;
            }

            var type = bytes.Slice(position + 4, 4);
            var data = bytes.Slice(position + 8, (int)length);
            if (type.SequenceEqual("iTXt"u8) && data.StartsWith(Encoding.Latin1.GetBytes(Keyword + "\0")))
            {
                var rest = data[(Keyword.Length + 1)..];
                if (rest.Length >= 2 && rest[0] == 0)
                {
                    rest = rest[2..];
                    var language = rest.IndexOf((byte)0);
                    rest = language < 0 ? [] : rest[(language + 1)..];
                    var translated = rest.IndexOf((byte)0);
                    return translated < 0 ? null : Encoding.UTF8.GetString(rest[(translated + 1)..]);
                }
            }

            if (type.SequenceEqual("IEND"u8))
            {
                break;
            }

            position += 12 + (int)length;
        }

        return null;
    }

    private static string? ReadJpeg(ReadOnlySpan<byte> bytes)
    {
        var prefix = Encoding.ASCII.GetBytes(Keyword + " ");
        var position = 2;
        while (position + 4 <= bytes.Length && bytes[position] == 0xFF)
        {
            var kind = bytes[position + 1];
            if (kind is 0xDA or 0xD9)
            {
                break;
            }

            var length = BinaryPrimitives.ReadUInt16BigEndian(bytes[(position + 2)..]);
            if (length < 2 || position + 2 + length > bytes.Length)
            {
                return null;
            }

            var data = bytes.Slice(position + 4, length - 2);
            if (kind == 0xFE && data.StartsWith(prefix))
            {
                return Encoding.ASCII.GetString(data[prefix.Length..]);
            }

            position += 2 + length;
        }

        return null;
    }

    private static string? ReadDicom(ReadOnlySpan<byte> bytes)
    {
        try
        {
            return ReadDicom(bytes, RadAnon.Dicom.Reading.DicomReadOptions.Default);
        }
        catch (InvalidDicomException)
        {
            return null; // not DICOM either: no marker to read
        }
    }

    private static string? ReadDicom(ReadOnlySpan<byte> bytes, RadAnon.Dicom.Reading.DicomReadOptions reading)
    {
        using var file = DicomFile.Read(bytes.ToArray(), reading);
        return file.Dataset.GetStrings(DicomTags.DeidentificationMethod)
            .FirstOrDefault(v => v.StartsWith(DicomPrefix, StringComparison.Ordinal))?[DicomPrefix.Length..];
    }

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
}
