using RadAnon.Dicom.Data;

namespace RadAnon.Core.Profiles;

/// <summary>Lookup over the generated Table E.1-1: exact tags first, then the masked rows (curves, overlays).</summary>
internal static partial class ConfidentialityProfileTable
{
    public static TableRow? Find(DicomTag tag)
    {
        if (Index.Exact.TryGetValue(tag.Value, out var row))
        {
            return row;
        }

        foreach (var masked in Index.Masked)
        {
            // Repeating groups are the even groups 5000-501E and 6000-601E only.
            if (masked.Matches(tag.Value) && (tag.Group & 0x00E1) == 0)
            {
                return masked;
            }
        }

        return null;
    }

    /// <summary>Overlay groups (60xx) and curve groups (50xx): the standard's repeating groups.</summary>
    public static bool IsOverlayGroup(ushort group) => (group & 0xFF00) == 0x6000 && (group & 0x00E1) == 0;

    public static bool IsCurveGroup(ushort group) => (group & 0xFF00) == 0x5000 && (group & 0x00E1) == 0;

    /// <summary>Built on first use, after the generated rows (another partial file) are initialised.</summary>
    private static class Index
    {
        public static readonly Dictionary<uint, TableRow> Exact = Rows.Where(r => !r.IsMasked).ToDictionary(r => r.Value);
        public static readonly TableRow[] Masked = Rows.Where(r => r.IsMasked).ToArray();
    }
}
