namespace RadAnon;

/// <summary>
/// Base of every failure RadAnon reports to a caller as a problem with the input or the environment.
/// Messages name the problem and the fix, never a value read from a patient's file.
/// </summary>
public abstract class RadAnonException : Exception
{
    protected RadAnonException(string message)
        : base(message)
    {
    }

    protected RadAnonException(string message, Exception? inner)
        : base(message, inner)
    {
    }
}
