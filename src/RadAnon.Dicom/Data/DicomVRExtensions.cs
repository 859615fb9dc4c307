namespace RadAnon.Dicom.Data;

/// <summary>Encoding facts for each VR, as PS3.5 sections 6.2 and 7.1.2 give them.</summary>
public static class DicomVRExtensions
{
    /// <summary>Parses the two ASCII bytes of an explicit VR; returns false for anything not in the standard.</summary>
    public static bool TryParse(byte first, byte second, out DicomVR vr)
    {
        vr = DicomVR.None;
        if (first is < (byte)'A' or > (byte)'Z' || second is < (byte)'A' or > (byte)'Z')
        {
            return false;
        }

        Span<char> code = [(char)first, (char)second];
        return TryParse(code, out vr);
    }

    public static bool TryParse(ReadOnlySpan<char> code, out DicomVR vr)
    {
        vr = DicomVR.None;
        return code.Length == 2 && Enum.TryParse(code, ignoreCase: false, out vr) && vr != DicomVR.None;
    }

    /// <summary>Explicit VR encodings use a 2-byte reserved field and a 4-byte length for these VRs.</summary>
    public static bool HasLongLength(this DicomVR vr) => vr is DicomVR.OB or DicomVR.OD or DicomVR.OF or DicomVR.OL
        or DicomVR.OV or DicomVR.OW or DicomVR.SQ or DicomVR.SV or DicomVR.UC or DicomVR.UN or DicomVR.UR
        or DicomVR.UT or DicomVR.UV;

    /// <summary>Character-string VRs, whose values pad with a space (UI pads with NUL).</summary>
    public static bool IsString(this DicomVR vr) => vr is DicomVR.AE or DicomVR.AS or DicomVR.CS or DicomVR.DA
        or DicomVR.DS or DicomVR.DT or DicomVR.IS or DicomVR.LO or DicomVR.LT or DicomVR.PN or DicomVR.SH
        or DicomVR.ST or DicomVR.TM or DicomVR.UC or DicomVR.UI or DicomVR.UR or DicomVR.UT;

    /// <summary>Text VRs that hold one value: a backslash in them is data, not a separator.</summary>
    public static bool IsSingleValuedText(this DicomVR vr) => vr is DicomVR.LT or DicomVR.ST or DicomVR.UT
        or DicomVR.UR;

    /// <summary>VRs whose bytes are decoded through Specific Character Set (0008,0005); the others are ASCII.</summary>
    public static bool UsesSpecificCharacterSet(this DicomVR vr) => vr is DicomVR.LO or DicomVR.LT or DicomVR.PN
        or DicomVR.SH or DicomVR.ST or DicomVR.UC or DicomVR.UT;

    /// <summary>Bytes per binary value, used to swap byte order and count multiplicity; 0 for strings and bytes.</summary>
    public static int UnitSize(this DicomVR vr) => vr switch
    {
        DicomVR.US or DicomVR.SS or DicomVR.OW => 2,
        DicomVR.UL or DicomVR.SL or DicomVR.FL or DicomVR.OF or DicomVR.OL or DicomVR.AT => 4,
        DicomVR.FD or DicomVR.OD or DicomVR.SV or DicomVR.UV or DicomVR.OV => 8,
        _ => 0,
    };

    /// <summary>The byte that pads an odd-length value to even length.</summary>
    public static byte PaddingByte(this DicomVR vr) => vr.IsString() && vr != DicomVR.UI ? (byte)' ' : (byte)0;

    /// <summary>Binary VRs whose value is opaque bytes rather than numbers.</summary>
    public static bool IsBulk(this DicomVR vr) => vr is DicomVR.OB or DicomVR.OD or DicomVR.OF or DicomVR.OL
        or DicomVR.OV or DicomVR.OW or DicomVR.UN;
}
