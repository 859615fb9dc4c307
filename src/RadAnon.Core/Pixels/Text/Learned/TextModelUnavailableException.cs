namespace RadAnon.Core.Pixels.Text.Learned;

/// <summary>
/// The learned text detector's model is missing, has the wrong hash or cannot be loaded by ONNX Runtime. Pixel cleaning
/// fails closed with this; hosts map it to HTTP 503 (<c>text-model-unavailable</c>).
/// </summary>
public sealed class TextModelUnavailableException : RadAnonException
{
    public TextModelUnavailableException(string message)
        : base(message)
    {
    }

    public TextModelUnavailableException(string message, Exception? inner)
        : base(message, inner)
    {
    }
}
