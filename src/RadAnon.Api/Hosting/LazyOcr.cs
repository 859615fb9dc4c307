using RadAnon.Core.Ocr;

namespace RadAnon.Api.Hosting;

/// <summary>
/// Loads Tesseract on first use and retries on later requests when that failed, so the service starts (and
/// header-only profiles work) without OCR, while any pixel cleaning fails closed with OcrUnavailableException.
/// </summary>
public sealed class LazyOcr : IOcr, IDisposable
{
    private readonly TesseractOptions _options;
    private readonly Lock _gate = new();
    private TesseractOcr? _engine;

    public LazyOcr(TesseractOptions options)
    {
        _options = options;
    }

    public string Version => Engine.Version;

    public IReadOnlyList<OcrWord> Recognize(ReadOnlySpan<byte> gray8, int width, int height, int stride, OcrMode mode) =>
        Engine.Recognize(gray8, width, height, stride, mode);

    public void Dispose() => _engine?.Dispose();

    private TesseractOcr Engine
    {
        get
        {
            if (_engine is { } ready)
            {
                return ready;
            }

            lock (_gate)
            {
                return _engine ??= new TesseractOcr(_options);
            }
        }
    }
}
