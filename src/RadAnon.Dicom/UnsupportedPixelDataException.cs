namespace RadAnon.Dicom;

/// <summary>Pixel data is present but laid out in a way RadAnon does not decode (e.g. float pixels, 24-bit).</summary>
public sealed class UnsupportedPixelDataException : RadAnonException
{
    public UnsupportedPixelDataException(string message)
        : base(message)
    {
    }
}
