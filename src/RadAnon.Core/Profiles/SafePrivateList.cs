using System.Globalization;
using System.Reflection;
using System.Text.Json;
using RadAnon.Dicom.Data;

namespace RadAnon.Core.Profiles;

/// <summary>
/// Private elements that Retain Safe Private may keep: (creator, group, element byte) entries from our
/// documented list (SafePrivate.json, embedded) or from configuration. Only numeric VRs are ever kept.
/// </summary>
public sealed class SafePrivateList
{
    private readonly HashSet<(string Creator, ushort Group, byte Element)> _entries;

    public SafePrivateList(IEnumerable<(string Creator, ushort Group, byte Element)> entries)
    {
        _entries = entries.Select(e => (e.Creator.Trim(), e.Group, e.Element)).ToHashSet();
    }

    public static SafePrivateList Default { get; } = LoadDefault();

    public int Count => _entries.Count;

    public bool IsSafe(string? creator, DicomTag tag, DicomVR vr) =>
        creator is not null && IsNumeric(vr) && _entries.Contains((creator.Trim(), tag.Group, (byte)tag.Element));

    /// <summary>Reads {"entries":[{"creator","group":"gggg","element":"ee"}]}.</summary>
    public static SafePrivateList Parse(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var list = new List<(string, ushort, byte)>();
        foreach (var e in doc.RootElement.GetProperty("entries").EnumerateArray())
        {
            var creator = e.GetProperty("creator").GetString() ?? throw new FormatException("safe-private entry without creator");
            var group = ushort.Parse(e.GetProperty("group").GetString() ?? "", NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            var element = byte.Parse(e.GetProperty("element").GetString() ?? "", NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            if ((group & 1) == 0)
            {
                throw new FormatException($"safe-private entry group {group:X4} is not a private (odd) group");
            }

            list.Add((creator, group, element));
        }

        return new SafePrivateList(list);
    }

    private static bool IsNumeric(DicomVR vr) => vr is DicomVR.DS or DicomVR.IS or DicomVR.US or DicomVR.SS or DicomVR.UL
        or DicomVR.SL or DicomVR.FL or DicomVR.FD;

    private static SafePrivateList LoadDefault()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("RadAnon.Core.Profiles.SafePrivate.json")
            ?? throw new InvalidOperationException("SafePrivate.json is not embedded in RadAnon.Core");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd());
    }
}
