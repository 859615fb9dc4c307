using System.Globalization;
using RadAnon.Dicom.Data;

namespace RadAnon.Dicom;

/// <summary>
/// Looks up tags and keywords in the generated PS3.6 table, including repeating groups such as
/// (60xx,3000) and (50xx,xxxx), private creator elements and group lengths.
/// </summary>
public static partial class DicomDictionary
{
    private static readonly Lazy<Tables> Data = new(Parse);

    public static DicomDictionaryEntry? Lookup(DicomTag tag)
    {
        var tables = Data.Value;
        if (tables.Exact.TryGetValue(tag.Value, out var entry))
        {
            return entry;
        }

        if (tag.IsPrivate)
        {
            return tag.IsPrivateCreator
                ? new DicomDictionaryEntry(tag, "PrivateCreator", "Private Creator", [DicomVR.LO], "1", false)
                : null;
        }

        if (tag.IsGroupLength)
        {
            return new DicomDictionaryEntry(tag, "GenericGroupLength", "Group Length", [DicomVR.UL], "1", true);
        }

        foreach (var (mask, value, masked) in tables.Masked)
        {
            if ((tag.Value & mask) == value)
            {
                return masked with { Tag = tag };
            }
        }

        return null;
    }

    public static bool TryGetTag(string keyword, out DicomTag tag)
    {
        if (Data.Value.ByKeyword.TryGetValue(keyword, out var entry))
        {
            tag = entry.Tag;
            return true;
        }

        tag = default;
        return false;
    }

    public static string KeywordOf(DicomTag tag) => Lookup(tag)?.Keyword ?? string.Empty;

    private static Tables Parse()
    {
        var exact = new Dictionary<uint, DicomDictionaryEntry>(5200);
        var masked = new List<(uint Mask, uint Value, DicomDictionaryEntry Entry)>();
        var byKeyword = new Dictionary<string, DicomDictionaryEntry>(5200, StringComparer.Ordinal);
        foreach (var line in Table.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var f = line.Split('\t');
            var vrs = f[1].Split('/', StringSplitOptions.RemoveEmptyEntries)
                .Select(v => DicomVRExtensions.TryParse(v, out var vr) ? vr : DicomVR.UN)
                .ToArray();
            var id = f[0];
            var value = uint.Parse(id.Replace('X', '0'), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            var entry = new DicomDictionaryEntry(new DicomTag(value), f[4], f[5], vrs, f[2], f[3] == "R");
            byKeyword.TryAdd(entry.Keyword, entry);
            if (id.Contains('X', StringComparison.Ordinal))
            {
                uint mask = 0;
                for (var i = 0; i < 8; i++)
                {
                    mask = (mask << 4) | (id[i] == 'X' ? 0u : 0xFu);
                }

                masked.Add((mask, value, entry));
            }
            else
            {
                exact[value] = entry;
            }
        }

        return new Tables(exact, masked, byKeyword);
    }

    private sealed record Tables(
        Dictionary<uint, DicomDictionaryEntry> Exact,
        List<(uint Mask, uint Value, DicomDictionaryEntry Entry)> Masked,
        Dictionary<string, DicomDictionaryEntry> ByKeyword);
}
