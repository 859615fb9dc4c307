using RadAnon.Core.Profiles;

namespace RadAnon.Core.Provenance;

/// <summary>
/// CID 7050 De-identification Method (PS3.16), coding scheme DCM: 113100 for the Basic Profile and
/// 113101-113112 for the options. Taken from CID 7050 itself; note 113110 is Retain UIDs, 113111 Retain
/// Safe Private and 113112 Retain Institution Identity.
/// </summary>
public static class DeidentificationCodes
{
    public const string Scheme = "DCM";

    public static readonly CodedEntry BasicProfile = new("113100", "Basic Application Confidentiality Profile");

    public static IReadOnlyList<(ProfileOption Option, CodedEntry Code)> Options { get; } =
    [
        (ProfileOption.CleanPixelData, new("113101", "Clean Pixel Data Option")),
        (ProfileOption.CleanRecognizableVisualFeatures, new("113102", "Clean Recognizable Visual Features Option")),
        (ProfileOption.CleanGraphics, new("113103", "Clean Graphics Option")),
        (ProfileOption.CleanStructuredContent, new("113104", "Clean Structured Content Option")),
        (ProfileOption.CleanDescriptors, new("113105", "Clean Descriptors Option")),
        (ProfileOption.RetainLongitudinalFullDates, new("113106", "Retain Longitudinal Temporal Information Full Dates Option")),
        (ProfileOption.RetainLongitudinalModifiedDates, new("113107", "Retain Longitudinal Temporal Information Modified Dates Option")),
        (ProfileOption.RetainPatientCharacteristics, new("113108", "Retain Patient Characteristics Option")),
        (ProfileOption.RetainDeviceIdentity, new("113109", "Retain Device Identity Option")),
        (ProfileOption.RetainUids, new("113110", "Retain UIDs Option")),
        (ProfileOption.RetainSafePrivate, new("113111", "Retain Safe Private Option")),
        (ProfileOption.RetainInstitutionIdentity, new("113112", "Retain Institution Identity Option")),
    ];

    /// <summary>113100 then the codes of the given options, in code order.</summary>
    public static IReadOnlyList<CodedEntry> For(ProfileOption applied) =>
        [BasicProfile, .. Options.Where(o => (applied & o.Option) != 0).Select(o => o.Code)];
}

/// <summary>A DCM code: value and meaning.</summary>
public sealed record CodedEntry(string Value, string Meaning)
{
    public string Scheme => DeidentificationCodes.Scheme;
}
