using System.Buffers.Binary;
using System.Text;

namespace RadAnon.Core.Raster;

/// <summary>
/// Lists the metadata carriers in a PNG or JPEG by walking its chunks or segments: the names of what is
/// there (EXIF, XMP, IPTC, ICC, comments, text chunks by keyword), never their contents. Used both to report
/// what was removed and to verify that an output carries nothing but pixels.
/// </summary>
public static class MetadataInventory
{
    public static IReadOnlyList<string> List(ReadOnlySpan<byte> bytes, RasterFormat format) =>
        format == RasterFormat.Png ? ListPng(bytes) : ListJpeg(bytes);

    private static List<string> ListPng(ReadOnlySpan<byte> bytes)
    {
        var found = new List<string>();
        var position = 8;
        while (position + 12 <= bytes.Length)
        {
            var length = BinaryPrimitives.ReadUInt32BigEndian(bytes[position..]);
            var type = Encoding.ASCII.GetString(bytes.Slice(position + 4, 4));
            if (length > (uint)(bytes.Length - position - 12))
            {
                throw new InvalidImageException($"PNG chunk {type} length {length} runs past the end at offset {position}");
            }

            var data = bytes.Slice(position + 8, (int)length);
            switch (type)
            {
                case "tEXt" or "zTXt" or "iTXt":
                    var end = data.IndexOf((byte)0);
                    var keyword = end > 0 ? Encoding.Latin1.GetString(data[..Math.Min(end, 79)]) : "?";
                    found.Add($"PNG {type} '{Sanitize(keyword)}'");
                    break;
                case "eXIf" or "iCCP" or "tIME" or "sPLT" or "hIST" or "dSIG" or "caNv":
                    found.Add("PNG " + type);
                    break;
                default:
                    if (char.IsLower(type[0]) && type is not ("gAMA" or "cHRM" or "sRGB" or "sBIT" or "pHYs" or "bKGD" or "tRNS" or "pLTE"))
                    {
                        found.Add("PNG ancillary chunk " + Sanitize(type)); // unknown ancillary chunks may carry anything
                    }

                    break;
            }

            position += 12 + (int)length;
            if (type == "IEND")
            {
                break;
            }
        }

        return found;
    }

    private static List<string> ListJpeg(ReadOnlySpan<byte> bytes)
    {
        var found = new List<string>();
        var position = 2;
        while (position + 4 <= bytes.Length)
        {
            if (bytes[position] != 0xFF)
            {
                throw new InvalidImageException($"JPEG marker expected at offset {position}");
            }

            var marker = bytes[position + 1];
            if (marker == 0xFF)
            {
                position++; // fill byte
                continue;
            }

            if (marker is 0xDA or 0xD9)
            {
                break; // start of scan: metadata segments all come before it
            }

            var length = BinaryPrimitives.ReadUInt16BigEndian(bytes[(position + 2)..]);
            if (length < 2 || position + 2 + length > bytes.Length)
            {
                throw new InvalidImageException($"JPEG segment FF{marker:X2} length {length} runs past the end at offset {position}");
            }

            var data = bytes.Slice(position + 4, length - 2);
            if (marker == 0xFE)
            {
                found.Add("JPEG COM");
            }
            else if (marker is >= 0xE0 and <= 0xEF)
            {
                var name = JpegAppName(marker, data);
                if (name is not null)
                {
                    found.Add(name);
                }
            }

            position += 2 + length;
        }

        return found;
    }

    /// <summary>APP0 JFIF is structural; every other APPn is named by its identifier.</summary>
    private static string? JpegAppName(byte marker, ReadOnlySpan<byte> data)
    {
        var zero = data.IndexOf((byte)0);
        var id = zero > 0 ? Encoding.ASCII.GetString(data[..Math.Min(zero, 32)]) : string.Empty;
        if (marker == 0xE0 && id is "JFIF" or "JFXX")
        {
            return null;
        }

        if (marker == 0xEE && data.StartsWith("Adobe"u8))
        {
            return null; // colour transform flag, needed to decode correctly
        }

        var label = id switch
        {
            "Exif" => "EXIF",
            "http://ns.adobe.com/xap/1.0/" => "XMP",
            "ICC_PROFILE" => "ICC profile",
            "Photoshop 3.0" => "IPTC/Photoshop",
            _ => Sanitize(id.Length > 0 ? id : "unnamed"),
        };
        return $"JPEG APP{marker - 0xE0} {label}";
    }

    private static string Sanitize(string s) => new(s.Where(c => c is >= ' ' and < (char)127).Take(40).ToArray());
}
