using RadAnon.Dicom.Data;

namespace RadAnon.Dicom;

/// <summary>One row of the PS3.6 data dictionary.</summary>
/// <param name="ValueRepresentations">Usually one VR; "US or SS" style entries list several.</param>
public sealed record DicomDictionaryEntry(
    DicomTag Tag,
    string Keyword,
    string Name,
    IReadOnlyList<DicomVR> ValueRepresentations,
    string ValueMultiplicity,
    bool Retired)
{
    /// <summary>The VR to assume when the encoding does not say (implicit VR), before any context rule.</summary>
    public DicomVR DefaultVR => ValueRepresentations.Count > 0 ? ValueRepresentations[0] : DicomVR.UN;
}
