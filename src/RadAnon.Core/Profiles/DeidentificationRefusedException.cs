namespace RadAnon.Core.Profiles;

/// <summary>
/// The object cannot be de-identified under the profile and is refused rather than passed through: a
/// DICOMDIR, an encapsulated document or SR free text that Clean Structured Content cannot clean, pixels a
/// profile requires cleaned with no cleaner available. <see cref="Reason"/> is a stable problem word.
/// </summary>
public sealed class DeidentificationRefusedException : RadAnonException
{
    public DeidentificationRefusedException(string reason, string message)
        : base(message)
    {
        Reason = reason;
    }

    public string Reason { get; }
}
