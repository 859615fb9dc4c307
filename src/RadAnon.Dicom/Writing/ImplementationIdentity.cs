namespace RadAnon.Dicom.Writing;

/// <summary>Who wrote a file, as PS3.7 D.3.3.2 asks every implementation to say.</summary>
public static class ImplementationIdentity
{
    /// <summary>A UUID-derived UID (2.25) fixed for RadAnon; it identifies the software, never a patient.</summary>
    public const string ClassUid = "2.25.170140683126924381196474398127347823017";

    public const string VersionName = "RADANON_0_1";
}
