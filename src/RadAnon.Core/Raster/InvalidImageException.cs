namespace RadAnon.Core.Raster;

/// <summary>A PNG or JPEG that cannot be read safely (truncated, corrupt, or not what it claims).</summary>
public sealed class InvalidImageException : RadAnonException
{
    public InvalidImageException(string message)
        : base(message)
    {
    }

    public InvalidImageException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
