using System.Globalization;
using System.Numerics;
using System.Text;
using RadAnon.Dicom.Data;

namespace RadAnon.Core.Profiles;

/// <summary>
/// Keyed replacements without shared state: UIDs become 2.25.&lt;decimal&gt; of an HMAC, dates move by a
/// per-patient whole number of days from an HMAC of the original PatientID (so DA, DT and TM stay coherent:
/// times of day are unchanged), and dummy names and identifiers are HMAC-derived and deterministic.
/// </summary>
internal sealed class Pseudonymizer
{
    /// <summary>Dummy date when dates are not shifted: carries no information about the original.</summary>
    public const string FixedDummyDate = "19000101";

    public const int MaxShiftDays = 3650;

    private readonly PseudonymKey _key;
    private readonly Dictionary<string, string> _uidCache = new(StringComparer.Ordinal);

    public Pseudonymizer(PseudonymKey key, string? originalPatientId)
    {
        _key = key;
        var mac = key.Mac("date-shift", originalPatientId ?? string.Empty);
        // 1..MaxShiftDays days into the past.
        ShiftDays = -(int)(BitConverter.ToUInt32(mac, 0) % MaxShiftDays) - 1;
    }

    /// <summary>Whole days added to every date of this patient (negative: into the past).</summary>
    public int ShiftDays { get; }

    /// <summary>A UID as 2.25 plus a 128-bit number shaped as a version-8 UUID (RFC 9562), so it is a valid UUID-derived UID.</summary>
    public string Uid(string original)
    {
        var trimmed = original.TrimEnd('\0', ' ');
        if (_uidCache.TryGetValue(trimmed, out var cached))
        {
            return cached;
        }

        var mac = _key.Mac("uid", trimmed);
        var bytes = mac.AsSpan(0, 16).ToArray();
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        var number = new BigInteger(bytes, isUnsigned: true, isBigEndian: true);
        var uid = "2.25." + number.ToString(CultureInfo.InvariantCulture);
        _uidCache[trimmed] = uid;
        return uid;
    }

    /// <summary>A keyed patient pseudonym (80 bits, so cohorts do not collide): the same patient gets the same ID under one key.</summary>
    public string PatientId(string original) => "PSN" + Convert.ToHexString(_key.Mac("patient-id", original), 0, 10);

    /// <summary>A deterministic dummy of the VR's form, derived from the original so equal inputs give equal dummies.</summary>
    public string DummyText(DicomVR vr, string original)
    {
        var tag = Convert.ToHexString(_key.Mac("dummy", original), 0, 4);
        return vr switch
        {
            DicomVR.PN => "ANON^" + tag,
            DicomVR.LO or DicomVR.SH or DicomVR.UC or DicomVR.AE => "ANON" + tag,
            DicomVR.LT or DicomVR.ST or DicomVR.UT => "ANONYMIZED " + tag,
            DicomVR.CS => "ANONYMIZED",
            DicomVR.DA => FixedDummyDate,
            DicomVR.TM => "000000",
            DicomVR.DT => FixedDummyDate + "000000",
            DicomVR.AS => "000Y",
            DicomVR.IS or DicomVR.DS => "0",
            DicomVR.UR => "urn:radanon:anonymized",
            DicomVR.UI => Uid(original),
            _ => "ANONYMIZED",
        };
    }

    /// <summary>Shifts each value of a DA, DT or TM element; TM is unchanged by a whole-day shift. Unparseable values become the fixed dummy.</summary>
    public string ShiftDates(DicomVR vr, IReadOnlyList<string> values)
    {
        var shifted = new string[values.Count];
        for (var i = 0; i < values.Count; i++)
        {
            shifted[i] = vr switch
            {
                DicomVR.DA => ShiftDate(values[i]),
                DicomVR.DT => ShiftDateTime(values[i]),
                _ => values[i],
            };
        }

        return string.Join('\\', shifted);
    }

    private string ShiftDate(string value)
    {
        var v = value.Trim();
        if (v.Length == 0)
        {
            return v;
        }

        // A range "A-B" shifts both ends.
        if (v.Contains('-', StringComparison.Ordinal))
        {
            return string.Join('-', v.Split('-').Select(ShiftDate));
        }

        if (DateOnly.TryParseExact(v, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            || DateOnly.TryParseExact(v, "yyyy.MM.dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out d))
        {
            return d.AddDays(ShiftDays).ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        }

        return FixedDummyDate;
    }

    private string ShiftDateTime(string value)
    {
        var v = value.Trim();
        if (v.Length < 8)
        {
            // Year or year-month precision cannot move by days: drop to the dummy.
            return v.Length == 0 ? v : FixedDummyDate;
        }

        var date = ShiftDate(v[..8]);
        var rest = v[8..];
        return date == FixedDummyDate ? FixedDummyDate + "000000" : date + rest;
    }

    /// <summary>A dummy AE title (device identity cleaned): deterministic per original title.</summary>
    public string DummyAe(string original) => "AE" + Convert.ToHexString(_key.Mac("ae", original), 0, 5);

    internal static string Ascii(ReadOnlySpan<byte> bytes) => Encoding.ASCII.GetString(bytes);
}
