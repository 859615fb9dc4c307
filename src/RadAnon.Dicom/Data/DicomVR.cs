namespace RadAnon.Dicom.Data;

/// <summary>Every value representation of the current standard (PS3.5 Table 6.2-1).</summary>
public enum DicomVR : byte
{
    /// <summary>No VR: items and delimiters, or a VR not yet known.</summary>
    None = 0,
    AE, AS, AT, CS, DA, DS, DT, FD, FL, IS, LO, LT, OB, OD, OF, OL, OV, OW, PN, SH, SL, SQ, SS, ST, SV, TM,
    UC, UI, UL, UN, UR, US, UT, UV,
}
