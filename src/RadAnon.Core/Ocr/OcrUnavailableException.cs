namespace RadAnon.Core.Ocr;

/// <summary>
/// Tesseract (libtesseract.so.5) or its English language data is missing or cannot start. Pixel cleaning
/// fails closed with this; hosts map it to HTTP 503.
/// </summary>
public sealed class OcrUnavailableException : RadAnonException
{
    public OcrUnavailableException(string message)
        : base(message)
    {
    }

    public OcrUnavailableException(string message, Exception? inner)
        : base(message, inner)
    {
    }
}
