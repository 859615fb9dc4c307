using System.Globalization;
using RadAnon.Dicom.Data;

namespace RadAnon.Core.Profiles;

/// <summary>
/// Gathers the identifying values an object carries (before they are replaced), so cleaning can strip
/// them from free text elsewhere in the same object: names and their parts, IDs, institutions, dates in
/// common spellings. Descriptor rows (those Clean Descriptors would clean) are not identifiers.
/// </summary>
internal static class IdentifierCollector
{
    public static IReadOnlyList<string> Collect(DicomDataset root)
    {
        var found = new List<string>();
        Walk(root, found, depth: 0);
        return found;
    }

    private static void Walk(DicomDataset dataset, List<string> found, int depth)
    {
        foreach (var element in dataset)
        {
            if (element is DicomSequence sequence)
            {
                foreach (var item in sequence.Items)
                {
                    Walk(item, found, depth + 1);
                }

                continue;
            }

            if (element.Tag.IsPrivate || !IsIdentifierVR(element.VR))
            {
                continue;
            }

            var row = ConfidentialityProfileTable.Find(element.Tag);
            if (row is null || row.BasicAction is "K" or "U" || row.IsDescriptor)
            {
                continue;
            }

            foreach (var value in dataset.GetStrings(element.Tag))
            {
                Add(found, element.VR, value);
            }
        }
    }

    private static bool IsIdentifierVR(DicomVR vr) => vr is DicomVR.PN or DicomVR.LO or DicomVR.SH or DicomVR.AE or DicomVR.DA
        or DicomVR.DT or DicomVR.LT or DicomVR.ST;

    private static void Add(List<string> found, DicomVR vr, string value)
    {
        if (value.Length == 0)
        {
            return;
        }

        switch (vr)
        {
            case DicomVR.PN:
                found.Add(value.Replace('^', ' ').Trim());
                found.AddRange(value.Split('^', '=', ' ', ',').Where(p => p.Length >= 3));
                break;
            case DicomVR.DA or DicomVR.DT when value.Length >= 8
                && DateOnly.TryParseExact(value[..8], "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d):
                found.Add(value[..8]);
                foreach (var format in new[] { "yyyy-MM-dd", "dd/MM/yyyy", "MM/dd/yyyy", "dd.MM.yyyy", "yyyy.MM.dd", "d MMM yyyy", "MMM d, yyyy" })
                {
                    found.Add(d.ToString(format, CultureInfo.InvariantCulture));
                }

                break;
            case DicomVR.LT or DicomVR.ST:
                // Long text is too broad to strip wholesale; its own row decides its fate.
                break;
            default:
                found.Add(value);
                break;
        }
    }
}
