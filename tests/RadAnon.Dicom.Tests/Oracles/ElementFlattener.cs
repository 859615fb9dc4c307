using System.Globalization;
using System.Security.Cryptography;
using RadAnon.Dicom.Data;

namespace RadAnon.Dicom.Tests.Oracles;

/// <summary>Our side of the pydicom comparison: the same flattening and normalisation as pydicom_elements.py.</summary>
internal static class ElementFlattener
{
    public sealed record Flat(string Path, string VR, object? Value);

    private static readonly HashSet<DicomVR> Numeric =
    [
        DicomVR.US, DicomVR.SS, DicomVR.UL, DicomVR.SL, DicomVR.FL, DicomVR.FD, DicomVR.SV, DicomVR.UV, DicomVR.IS, DicomVR.DS,
    ];

    /// <param name="padOdd">Hash odd-length binary values as the writer pads them (for round-trip comparisons).</param>
    public static List<Flat> Flatten(DicomDataset dataset, bool padOdd = false)
    {
        var list = new List<Flat>();
        Walk(dataset, string.Empty, list, padOdd);
        return list;
    }

    private static void Walk(DicomDataset dataset, string prefix, List<Flat> list, bool padOdd)
    {
        foreach (var element in dataset)
        {
            if (element.Tag.IsGroupLength || element is DicomFragments)
            {
                continue;
            }

            var path = prefix + element.Tag.ToJsonKey();
            switch (element)
            {
                case DicomSequence sequence:
                    list.Add(new Flat(path, "SQ", sequence.Items.Count));
                    for (var i = 0; i < sequence.Items.Count; i++)
                    {
                        Walk(sequence.Items[i], $"{path}/{i.ToString(CultureInfo.InvariantCulture)}/", list, padOdd);
                    }

                    break;
                case DicomValueElement value:
                    list.Add(new Flat(path, value.VR.ToString(), Normalize(dataset, value, padOdd)));
                    break;
                default:
                    break;
            }
        }
    }

    private static object? Normalize(DicomDataset dataset, DicomValueElement e, bool padOdd)
    {
        if (e.Length == 0)
        {
            return null;
        }

        if (e.VR.IsBulk())
        {
            var data = padOdd && (e.Length & 1) == 1 ? [.. e.Data.Span, e.VR.PaddingByte()] : e.Data.ToArray();
            return (Convert.ToHexStringLower(SHA256.HashData(data)), data.Length);
        }

        var strings = dataset.GetStrings(e.Tag);
        if (e.VR == DicomVR.AT)
        {
            return strings.Select(s => (double)uint.Parse(s, NumberStyles.HexNumber, CultureInfo.InvariantCulture)).Cast<object>().ToList();
        }

        if (Numeric.Contains(e.VR))
        {
            return strings.Select(s => double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? (object)d : s.Trim()).ToList();
        }

        if (strings.All(s => s.Trim().Length == 0))
        {
            return null; // only padding: pydicom reports such a value as empty
        }

        // pydicom drops empty trailing component groups of a person name ("Wang^XiaoDong=王^小东=").
        return strings.Select(s => (object)(e.VR == DicomVR.PN ? s.Trim().TrimEnd('=') : s.Trim())).ToList();
    }
}
