using System.Text;

namespace RadAnon.Dicom.Text;

/// <summary>The mapping from defined terms to .NET encodings (PS3.3 C.12.1.1.2).</summary>
public sealed partial class DicomCharacterSet
{
    private bool UsesCodeExtensions =>
        Terms.Count > 1 || Terms.Any(t => t.StartsWith("ISO 2022", StringComparison.Ordinal));

    private static Encoding EncodingFor(string term) => term switch
    {
        "" or "ISO_IR 6" or "ISO 2022 IR 6" => Encoding.Latin1,
        "ISO_IR 100" or "ISO 2022 IR 100" => Encoding.Latin1,
        "ISO_IR 101" or "ISO 2022 IR 101" => Encoding.GetEncoding("iso-8859-2"),
        "ISO_IR 109" or "ISO 2022 IR 109" => Encoding.GetEncoding("iso-8859-3"),
        "ISO_IR 110" or "ISO 2022 IR 110" => Encoding.GetEncoding("iso-8859-4"),
        "ISO_IR 144" or "ISO 2022 IR 144" => Encoding.GetEncoding("iso-8859-5"),
        "ISO_IR 127" or "ISO 2022 IR 127" => Encoding.GetEncoding("iso-8859-6"),
        "ISO_IR 126" or "ISO 2022 IR 126" => Encoding.GetEncoding("iso-8859-7"),
        "ISO_IR 138" or "ISO 2022 IR 138" => Encoding.GetEncoding("iso-8859-8"),
        "ISO_IR 148" or "ISO 2022 IR 148" => Encoding.GetEncoding("iso-8859-9"),
        "ISO_IR 203" or "ISO 2022 IR 203" => Encoding.GetEncoding("iso-8859-15"),
        "ISO_IR 13" or "ISO 2022 IR 13" => Encoding.GetEncoding("shift_jis"),
        "ISO_IR 166" or "ISO 2022 IR 166" => Encoding.GetEncoding("windows-874"),
        "ISO_IR 192" => new UTF8Encoding(false, false),
        "GB18030" => Encoding.GetEncoding("GB18030"),
        "GBK" => Encoding.GetEncoding("GBK"),
        _ => Encoding.Latin1,
    };
}
