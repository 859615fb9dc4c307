using RadAnon.Dicom.Data;

namespace RadAnon.Core.Profiles;

/// <summary>
/// Every text value of the original header (public and private, at any sequence depth), for matching burned-in text.
/// Held in memory only. Coded values (CS), UIDs and numbers are left out; a value with an allowlisted marker among its
/// words (a description "CHEST PA") is passed as its other words, so the marker on the image is not taken for PHI.
/// </summary>
internal static class HeaderTextValues
{
    public static IReadOnlyList<string> Collect(DicomDataset root, IReadOnlyCollection<string> markers)
    {
        var markerSet = new HashSet<string>(markers.Select(m => m.ToUpperInvariant()), StringComparer.Ordinal);
        var found = new HashSet<string>(StringComparer.Ordinal);
        Walk(root, found, markerSet);
        return [.. found];
    }

    private static void Walk(DicomDataset dataset, HashSet<string> found, HashSet<string> markers)
    {
        foreach (var element in dataset)
        {
            if (element is DicomSequence sequence)
            {
                foreach (var item in sequence.Items)
                {
                    Walk(item, found, markers);
                }

                continue;
            }

            if (element.VR is not (DicomVR.PN or DicomVR.LO or DicomVR.SH or DicomVR.AE or DicomVR.DA or DicomVR.DT or DicomVR.TM
                or DicomVR.LT or DicomVR.ST or DicomVR.UT or DicomVR.UC))
            {
                continue;
            }

            foreach (var value in dataset.GetStrings(element.Tag))
            {
                Add(value.Trim(), found, markers);
            }
        }
    }

    private static void Add(string value, HashSet<string> found, HashSet<string> markers)
    {
        if (value.Length < 2)
        {
            return;
        }

        var words = value.Split([' ', '^', ',', '-', '/', '.', '\\', '\''], StringSplitOptions.RemoveEmptyEntries);
        if (!words.Any(w => markers.Contains(w.ToUpperInvariant())))
        {
            found.Add(value);
            return;
        }

        foreach (var word in words.Where(w => w.Length >= 2 && !markers.Contains(w.ToUpperInvariant())))
        {
            found.Add(word);
        }
    }
}
