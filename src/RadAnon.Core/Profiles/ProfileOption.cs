namespace RadAnon.Core.Profiles;

/// <summary>The options of PS3.15 Annex E (section E.3), as flags; each maps to one CID 7050 code.</summary>
[Flags]
public enum ProfileOption
{
    None = 0,
    CleanPixelData = 1 << 0,
    CleanRecognizableVisualFeatures = 1 << 1,
    CleanGraphics = 1 << 2,
    CleanStructuredContent = 1 << 3,
    CleanDescriptors = 1 << 4,
    RetainLongitudinalFullDates = 1 << 5,
    RetainLongitudinalModifiedDates = 1 << 6,
    RetainPatientCharacteristics = 1 << 7,
    RetainDeviceIdentity = 1 << 8,
    RetainUids = 1 << 9,
    RetainSafePrivate = 1 << 10,
    RetainInstitutionIdentity = 1 << 11,
}
